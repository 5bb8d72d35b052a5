using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HeteroOrleans.Hosting.Web.Access;

/// <summary>
/// Authenticates a request that carries <c>Authorization: Bearer TOKEN</c> with the silo's token: an operator's
/// credential for the dashboard, the device page, metrics and the inference endpoint of a silo beyond loopback.
/// </summary>
public sealed class BearerTokenHandler(IOptionsMonitor<BearerTokenOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<BearerTokenOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "Bearer";

    private const string Prefix = "Bearer ";

    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var given = Encoding.UTF8.GetBytes(header[Prefix.Length..].Trim());
        if (Options.Token.Length == 0 || !CryptographicOperations.FixedTimeEquals(given, Options.Token))
        {
            return Task.FromResult(AuthenticateResult.Fail("the bearer token is not this silo's"));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "operator")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{SchemeName} realm=\"hetero\"";
        return Response.WriteAsJsonAsync(new { error = "this silo's web port requires its token: send 'Authorization: Bearer TOKEN' (Silo:Dashboard:TokenFile)" });
    }
}
