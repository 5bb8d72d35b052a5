namespace HeteroOrleans.Hosting.Configuration;

/// <summary>Checks <c>Silo:Dashboard</c>: an address to listen on and a port number (0 picks a free one).</summary>
public sealed class DashboardOptionsValidator : SectionValidator<DashboardOptions>
{
    /// <inheritdoc />
    protected override string DefaultSection => $"{HeteroSiloOptions.SectionName}:Dashboard";

    /// <inheritdoc />
    protected override void Check(string key, DashboardOptions options, List<string> errors)
    {
        if (options.Host != "localhost" && !IPAddress.TryParse(options.Host, out _))
        {
            errors.Add($"{key}:Host: '{options.Host}' is not an IP address (or localhost)");
        }

        if (options.Port is < 0 or > 65535)
        {
            errors.Add($"{key}:Port: '{options.Port}' is not a port number");
        }
    }
}
