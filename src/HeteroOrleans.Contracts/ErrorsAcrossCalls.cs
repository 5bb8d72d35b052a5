using Orleans.Serialization;

namespace HeteroOrleans.Contracts;

/// <summary>
/// Lets the system's own exceptions (a bad model manifest, a scheduling problem, bad data) travel back through a grain
/// call as themselves. Orleans serializes only exceptions of the namespaces it is told of; an exception it cannot
/// serialize never reaches the caller, which then fails on a codec error instead. Configure it on silos and clients.
/// </summary>
public static class ErrorsAcrossCalls
{
    /// <summary>The namespace prefix of every exception type of the system.</summary>
    public const string NamespacePrefix = "HeteroOrleans";

    /// <summary>Adds the system's namespace to those Orleans serializes exceptions of.</summary>
    public static void Allow(ExceptionSerializationOptions options) => options.SupportedNamespacePrefixes.Add(NamespacePrefix);
}
