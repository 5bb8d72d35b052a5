namespace HeteroOrleans.Contracts.Jobs;

/// <summary>What may travel to an untrusted device (the paper, section 3.5).</summary>
public enum PrivacyMode
{
    /// <summary>Raw pixels go to untrusted devices too; the report warns that they left the trusted side.</summary>
    Off,

    /// <summary>The trusted end device runs the encryption head (the first convolution of the target's model) and sends only its output.</summary>
    EncryptAtEnd,

    /// <summary>A trusted edge runs the encryption head and forwards its output to the untrusted device.</summary>
    EncryptAtEdge,
}
