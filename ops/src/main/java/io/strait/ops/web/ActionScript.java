package io.strait.ops.web;

/**
 * The dashboard's one small script, inlined in the pages that have operator buttons (nothing is loaded from
 * elsewhere). A button {@code <button data-action="/api/...">} POSTs there with the reason typed in
 * {@code #action-reason} and {@code Authorization: Bearer <token>}: the token is asked once (in
 * {@code #action-token}) and kept in the tab's {@code sessionStorage}; a refused token is forgotten. Without a
 * token the request goes without one, and the server's refusal is shown.
 */
final class ActionScript {
    static final String TOKEN_KEY = "straitToken";

    private ActionScript() {
    }

    /** The action bar: token (while none is kept), reason, the buttons given, and where the outcome shows. */
    static String bar(String buttons) {
        return bar("", buttons);
    }

    /**
     * The action bar with more fields: every element with a {@code data-field} attribute goes into the request's
     * body under that name ({@code tables}: the names it holds, split at spaces and commas).
     */
    static String bar(String fields, String buttons) {
        return "<section class=card id=actions><span id=token-box>Token <input type=password id=action-token"
                + " autocomplete=off placeholder=\"http.token\" size=14></span> " + fields
                + "Reason <input id=action-reason placeholder=\"recorded in the history\" size=30> " + buttons
                + " <span id=action-result role=status></span></section>" + SCRIPT;
    }

    static String button(String id, String path, String label) {
        return "<button type=button id=\"" + Pages.esc(id) + "\" data-action=\"" + Pages.esc(path) + "\">"
                + Pages.esc(label) + "</button>";
    }

    private static final String SCRIPT = """
            <script>
            (function () {
              var key = '%s', box = document.getElementById('token-box');
              function kept() { try { return sessionStorage.getItem(key) || ''; } catch (e) { return ''; } }
              if (kept()) { box.style.display = 'none'; }
              document.addEventListener('click', function (event) {
                var button = event.target.closest('button[data-action]');
                if (!button) { return; }
                var token = kept() || document.getElementById('action-token').value.trim();
                var headers = {'Content-Type': 'application/json'};
                if (token) { headers['Authorization'] = 'Bearer ' + token; }
                var result = document.getElementById('action-result');
                var body = {reason: document.getElementById('action-reason').value};
                document.querySelectorAll('#actions [data-field]').forEach(function (field) {
                  var name = field.getAttribute('data-field'), value = field.value.trim();
                  if (name === 'tables') {
                    body.tables = value ? value.split(/[\\s,]+/) : [];
                  } else if (value) {
                    body[name] = value;
                  }
                });
                result.textContent = '...';
                fetch(button.getAttribute('data-action'), {method: 'POST', headers: headers,
                    body: JSON.stringify(body)})
                  .then(function (response) {
                    return response.json().catch(function () { return {}; }).then(function (body) {
                      if (response.status === 401) {
                        try { sessionStorage.removeItem(key); } catch (e) { }
                        box.style.display = '';
                      } else if (token) {
                        try { sessionStorage.setItem(key, token); } catch (e) { }
                        box.style.display = 'none';
                      }
                      result.className = response.ok ? 'done' : 'error';
                      result.textContent = (response.ok ? 'Done: ' : 'Refused (' + response.status + '): ')
                          + (body.message || body.error || '');
                      if (response.ok) { setTimeout(function () { location.reload(); }, 1500); }
                    });
                  });
              });
            })();
            </script>""".formatted(TOKEN_KEY);
}
