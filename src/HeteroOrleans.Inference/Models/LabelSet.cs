namespace HeteroOrleans.Inference.Models;

/// <summary>Which CIFAR-100 labels a model predicts.</summary>
public enum LabelSet
{
    /// <summary>The 20 super-classes.</summary>
    Coarse,

    /// <summary>The 100 classes.</summary>
    Fine,
}
