using HeteroOrleans.Hosting.Configuration;

namespace HeteroOrleans.Tests.Infrastructure;

/// <summary>
/// Throws, inside a test silo, the exception a test names in the request context: the way to send each of the
/// system's exception types back through a real grain call.
/// </summary>
public sealed class ThrowOnRequestFilter : IIncomingGrainCallFilter
{
    /// <summary>The request-context key holding the name of the exception type to throw.</summary>
    public const string Key = "hetero-test-throw";

    /// <summary>The system's exceptions, by type name, each with a message that names what went wrong.</summary>
    public static IReadOnlyDictionary<string, Func<Exception>> Exceptions { get; } = new Dictionary<string, Func<Exception>>
    {
        [nameof(ModelManifestException)] = () => new ModelManifestException("models/odd.onnx: output has 37 classes; 'labels' Fine needs 100"),
        [nameof(SchedulingException)] = () => new SchedulingException("Scheme EndCloud needs at least one cloud device, and none is available."),
        [nameof(CifarFormatException)] = () => new CifarFormatException("data/test.bin: record #3 has fine label 150"),
        [nameof(SiloConfigException)] = () => new SiloConfigException("edge.json", ["Silo:SiloPort: '70000' is not a port number"]),
        [nameof(JobUnreachableException)] = () => new JobUnreachableException("job-1", TimeSpan.FromMinutes(2), new TimeoutException("no gateway answered")),
    };

    /// <inheritdoc />
    public Task Invoke(IIncomingGrainCallContext context) =>
        RequestContext.Get(Key) is string name && Exceptions.TryGetValue(name, out var create) ? throw create() : context.Invoke();
}
