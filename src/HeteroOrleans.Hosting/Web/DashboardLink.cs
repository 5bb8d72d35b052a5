using System.Text;

namespace HeteroOrleans.Hosting.Web;

/// <summary>
/// Adds a link to the device page on the Orleans dashboard's own page, so that users reach the live device state
/// from the dashboard they already watch.
/// </summary>
public static class DashboardLink
{
    private const string Link =
        "<a href=\"/devices\" style=\"position:fixed;right:16px;bottom:16px;z-index:9999;padding:8px 14px;" +
        "background:#1d4ed8;color:#fff;border-radius:6px;font:14px system-ui,sans-serif;text-decoration:none\">" +
        "HeteroOrleans devices</a>";

    /// <summary>Rewrites the dashboard's HTML page (at <c>/</c>) to carry the link; everything else passes untouched.</summary>
    public static void UseDashboardLink(this WebApplication app) => app.Use(async (context, next) =>
    {
        if (context.Request.Path != "/" || !HttpMethods.IsGet(context.Request.Method))
        {
            await next();
            return;
        }

        // The dashboard's page is small: buffer it, then add the link before </body>.
        context.Request.Headers.AcceptEncoding = "identity";
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next();
        }
        finally
        {
            context.Response.Body = original;
        }

        var bytes = buffer.ToArray();
        if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
        {
            var html = Encoding.UTF8.GetString(bytes);
            var end = html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
            bytes = Encoding.UTF8.GetBytes(end < 0 ? html + Link : html.Insert(end, Link));
            context.Response.ContentLength = bytes.Length;
        }

        await original.WriteAsync(bytes, context.RequestAborted);
    });
}
