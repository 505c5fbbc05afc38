(function () {
  // The app's one script (ui/common.PAGE_SCRIPT; allowed by its hash in the CSP). Constant: all it needs is in
  // data attributes. What it does and why is written beside PAGE_SCRIPT.
  var d = document, w = window, tag = d.querySelector('[data-page-lang]');
  if (tag) {
    d.documentElement.lang = tag.getAttribute('data-page-lang');
    try { w.kcWords = JSON.parse(tag.getAttribute('data-ui-words') || '{}'); } catch (e) { w.kcWords = {}; }
  }
  var attrs = ['aria-label', 'title', 'placeholder'];
  function fixText(n) {
    var k = (n.nodeValue || '').trim(), v = (w.kcWords || {})[k];
    if (v && v !== k) { n.nodeValue = n.nodeValue.replace(k, v); }
  }
  function fixAttr(e, a) {
    var v = e.getAttribute && e.getAttribute(a), r = v && (w.kcWords || {})[v];
    if (r && r !== v) { e.setAttribute(a, r); }
  }
  function fix(root) {
    if (root.nodeType === 3) { fixText(root); return; }
    if (root.nodeType !== 1) { return; }
    var it = d.createTreeWalker(root, NodeFilter.SHOW_TEXT), n;
    while ((n = it.nextNode())) { fixText(n); }
    attrs.forEach(function (a) {
      fixAttr(root, a);
      root.querySelectorAll('[' + a + ']').forEach(function (e) { fixAttr(e, a); });
    });
  }
  fix(d.body);
  if (!w.kcObserver) {
    // Streamlit renders (and re-renders) its widgets after this script ran: fix what it adds or changes.
    w.kcObserver = new MutationObserver(function (records) {
      records.forEach(function (r) {
        if (r.type === 'attributes') { fixAttr(r.target, r.attributeName); }
        else if (r.type === 'characterData') { fixText(r.target); }
        else { r.addedNodes.forEach(fix); }
      });
    });
    w.kcObserver.observe(d.body, {
      subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: attrs
    });
  }

  function say(b, text) { b.closest('.kc-share').querySelector('[role=status]').textContent = text; }
  d.querySelectorAll('button[data-copy-link]:not([data-ready])').forEach(function (b) {
    b.setAttribute('data-ready', '1');
    b.addEventListener('click', function () {
      var field = b.closest('.kc-share').querySelector('input');
      // Plain HTTP has no clipboard API: select the link for copying by hand, and say so.
      function byHand() { field.focus(); field.select(); say(b, b.getAttribute('data-by-hand')); }
      if (navigator.clipboard && w.isSecureContext) {
        navigator.clipboard.writeText(b.getAttribute('data-copy-link')).then(function () {
          say(b, b.getAttribute('data-copied'));
        }, byHand);
      } else { byHand(); }
    });
  });
  d.querySelectorAll('button[data-share-link]:not([data-ready])').forEach(function (b) {
    b.setAttribute('data-ready', '1');
    if (!navigator.share) { b.hidden = true; return; }  // no share sheet (most desktops): copying stays
    b.hidden = false;
    b.addEventListener('click', function () {
      navigator.share({ title: b.getAttribute('data-share-title'), url: b.getAttribute('data-share-link') })
        .catch(function () {});
    });
  });

  // After submitting, the keyboard starts at the result's headline (once per page view).
  var mark = d.querySelector('[data-focus-here]:not([data-focused])');
  if (mark) {
    mark.setAttribute('data-focused', '1');
    var heading = d.querySelector('.st-key-summary h2');
    if (heading) { heading.setAttribute('tabindex', '-1'); heading.focus(); }
  }
})();
