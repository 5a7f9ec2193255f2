// Starts GraphiQL on the page internal/playground serves. It is a file of its
// own, not an inline script, so that the page's Content-Security-Policy can
// allow scripts from 'self' only.
(function () {
  'use strict';

  var root = document.getElementById('graphiql');

  // GraphiQL's dialogs add <style> elements; they carry this nonce (read
  // through the name webpack uses) so that the policy lets them apply.
  var script = document.currentScript;
  if (script && script.nonce) {
    window.__webpack_nonce__ = script.nonce;
  }

  if (!window.React || !window.ReactDOM || typeof window.GraphiQL !== 'function') {
    root.textContent = 'GraphiQL did not load: reload the page, and check the server log.';
    return;
  }

  var defaultQuery = [
    '# Welcome to the Claco GraphQL playground.',
    '#',
    '# Run an operation with Ctrl-Enter or the run button. To act as a member,',
    '# open "Headers" below and send your access token:',
    '#   { "Authorization": "Bearer <accessToken>" }',
    '# Headers stay in this tab: they are not saved, and never go into the URL.',
    '',
    '{',
    '  concerts(first: 20) {',
    '    totalCount',
    '    edges { node { title startDate venue state minPrice } }',
    '  }',
    '}',
    ''
  ].join('\n');

  // GraphiQL 3 saves its history (queries, favorites) in localStorage with
  // the headers each operation ran with, whatever shouldPersistHeaders says.
  // An access token must not outlive the tab, so this storage drops headers
  // from what it saves; the history in memory keeps them until the tab closes.
  var prefix = 'graphiql:';
  function withoutHeaders(key, value) {
    if (key === prefix + 'headers') {
      return null;
    }
    if (key !== prefix + 'queries' && key !== prefix + 'favorites') {
      return value;
    }
    try {
      return JSON.stringify(JSON.parse(value), function (k, v) {
        return k === 'headers' ? undefined : v;
      });
    } catch (e) {
      return null;
    }
  }
  function ownKeys() {
    var keys = [];
    for (var i = 0; i < localStorage.length; i++) {
      var key = localStorage.key(i);
      if (key.indexOf(prefix) === 0) {
        keys.push(key);
      }
    }
    return keys;
  }
  var storage = {
    getItem: function (key) {
      return localStorage.getItem(key);
    },
    setItem: function (key, value) {
      var kept = withoutHeaders(key, value);
      if (kept === null) {
        localStorage.removeItem(key);
      } else {
        localStorage.setItem(key, kept);
      }
    },
    removeItem: function (key) {
      localStorage.removeItem(key);
    },
    clear: function () {
      ownKeys().forEach(function (key) {
        localStorage.removeItem(key);
      });
    },
    get length() {
      return ownKeys().length;
    }
  };

  var fetcher = window.GraphiQL.createFetcher({ url: root.dataset.endpoint });
  window.ReactDOM.createRoot(root).render(
    window.React.createElement(window.GraphiQL, {
      fetcher: fetcher,
      defaultQuery: defaultQuery,
      storage: storage,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
      showPersistHeadersSettings: false
    })
  );
})();
