using Microsoft.AspNetCore.Authentication;

namespace HeteroOrleans.Hosting.Web.Access;

/// <summary>The token a silo's web port requires (<c>Silo:Dashboard:TokenFile</c>).</summary>
public sealed class BearerTokenOptions : AuthenticationSchemeOptions
{
    /// <summary>The token's bytes (UTF-8), compared in constant time.</summary>
    public byte[] Token { get; set; } = [];
}
