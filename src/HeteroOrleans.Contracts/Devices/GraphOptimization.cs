namespace HeteroOrleans.Contracts.Devices;

/// <summary>How far ONNX Runtime rewrites a device's graph before running it.</summary>
public enum GraphOptimization
{
    /// <summary>Every optimisation, layout changes included (the default).</summary>
    All,

    /// <summary>Node fusions, no layout changes.</summary>
    Extended,

    /// <summary>Constant folding and redundant-node removal only.</summary>
    Basic,

    /// <summary>The graph runs as written.</summary>
    Disabled,
}
