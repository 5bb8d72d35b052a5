namespace HeteroOrleans.Contracts;

/// <summary>A level of the computing hierarchy. End devices are weak and trusted, the cloud strong and untrusted.</summary>
public enum Tier
{
    /// <summary>Devices near the user (phones, IoT boards); they run the coarse stage.</summary>
    End,

    /// <summary>Gateways and small data centres between the user and the cloud; they run the fine stage.</summary>
    Edge,

    /// <summary>The far, strong, untrusted data centre; it runs the fine stage with the largest model.</summary>
    Cloud,
}
