using System.Diagnostics;

namespace HeteroOrleans.Grains.Tracing;

/// <summary>The system's own spans: a request, the batch that carried it, and the parts of each stage it went through.</summary>
public static class HeteroTracing
{
    /// <summary>The name of the system's activity source, to add to a tracer.</summary>
    public const string SourceName = "HeteroOrleans";

    /// <summary>The activity source every span of the system starts from.</summary>
    public static ActivitySource Source { get; } = new(SourceName);
}
