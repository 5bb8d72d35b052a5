namespace HeteroOrleans.Hosting.Configuration;

/// <summary>Checks <c>Silo:Tracing</c>: a share from 0 to 1, and an absolute http(s) address for the collector.</summary>
public sealed class TracingOptionsValidator : SectionValidator<TracingOptions>
{
    /// <inheritdoc />
    protected override string DefaultSection => $"{HeteroSiloOptions.SectionName}:Tracing";

    /// <inheritdoc />
    protected override void Check(string key, TracingOptions options, List<string> errors)
    {
        if (options.SampleRate is not (>= 0 and <= 1))
        {
            errors.Add($"{key}:SampleRate: '{options.SampleRate}' is not a share from 0 to 1 (0.1 traces one request in ten)");
        }

        if (options.OtlpEndpoint is { } endpoint &&
            (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            errors.Add($"{key}:OtlpEndpoint: '{endpoint}' is not an http:// or https:// address of an OTLP collector");
        }
    }
}
