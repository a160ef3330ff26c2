using System.Security.Cryptography;
using System.Text;

namespace Workflow.Gateway;

/// <summary>
/// <c>GET /admin/sign-in</c>: a page where an administrator pastes a token; its script sends it once, in the
/// Authorization header, to <c>POST /admin/session</c> and goes on to the dashboard. The page allows no
/// script but its own (by hash), no form submission (the token never lands in a URL) and no framing.
/// </summary>
internal static class AdminSignInPage
{
    // Relative URLs, so the page works under a proxy's path prefix as well.
    private const string Script = """
        document.getElementById('sign-in').addEventListener('submit', async (event) => {
          event.preventDefault();
          const message = document.getElementById('message');
          const token = document.getElementById('token').value.trim();
          const response = await fetch('session', { method: 'POST', headers: { Authorization: 'Bearer ' + token } });
          if (response.ok) {
            location.assign('orleans/');
            return;
          }
          let detail = response.status + ' ' + response.statusText;
          try { detail = (await response.json()).detail || detail; } catch { }
          message.textContent = detail;
        });
        """;

    public static readonly string Html = $"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>LandFlow: sign in to the Orleans dashboard</title>
        </head>
        <body>
        <h1>Orleans dashboard</h1>
        <p>Paste an administrator's token (role <code>admin</code>). It is sent once, to <code>POST /admin/session</code>,
        which answers with a session cookie for the dashboard only, valid for at most 30 minutes.</p>
        <form id="sign-in">
        <p><label for="token">Token</label><br><textarea id="token" rows="6" cols="80" autocomplete="off" spellcheck="false" required></textarea></p>
        <p><button type="submit">Sign in</button></p>
        </form>
        <p id="message" role="status"></p>
        <script>{Script}</script>
        </body>
        </html>
        """;

    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; script-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Script)))}'; "
        + "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";
}
