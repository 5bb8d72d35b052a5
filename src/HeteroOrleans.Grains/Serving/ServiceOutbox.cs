using HeteroOrleans.Grains.Jobs;

namespace HeteroOrleans.Grains.Serving;

/// <summary>The service stores no job record and has no followers: each request's caller hears its own answer.</summary>
internal sealed class ServiceOutbox : IJobOutbox
{
    /// <summary>The one instance.</summary>
    public static ServiceOutbox Instance { get; } = new();

    /// <inheritdoc />
    public void Changed()
    {
    }

    /// <inheritdoc />
    public void Publish(IReadOnlyList<ImageAnswer> answers)
    {
    }

    /// <inheritdoc />
    public void Settled()
    {
    }
}
