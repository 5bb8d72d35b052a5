namespace HeteroOrleans.Inference.Models;

/// <summary>A model's answer for a batch: predicted class and its softmax probability per image.</summary>
/// <param name="Model">The model and version that answered (<see cref="ModelEntry.Reference"/>); empty when not known.</param>
public sealed record Classification(int[] Labels, float[] Confidences, float[] Logits, int ClassCount, string Model = "");
