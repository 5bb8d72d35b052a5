using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace HeteroOrleans.Hosting.Web.Access;

/// <summary>
/// Who may use a silo's web port: anyone on loopback; beyond it, only callers with the silo's bearer token
/// (<c>Silo:Dashboard:TokenFile</c>), health checks excepted, so that load balancers and service managers still see them.
/// </summary>
public static class WebAccess
{
    /// <summary>Requires <paramref name="token"/> on every endpoint not marked anonymous, when a token is given.</summary>
    public static void AddWebAccess(this IServiceCollection services, byte[]? token)
    {
        if (token is null)
        {
            return;
        }

        services.AddAuthentication(BearerTokenHandler.SchemeName)
            .AddScheme<BearerTokenOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, o => o.Token = token);
        services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder(BearerTokenHandler.SchemeName).RequireAuthenticatedUser().Build());
    }

    /// <summary>Checks the token on each request, when one is required.</summary>
    public static void UseWebAccess(this WebApplication app, byte[]? token)
    {
        if (token is not null)
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }
    }
}
