namespace HeteroOrleans.Inference.Models;

/// <summary>A model's answer for a batch: predicted class and its softmax probability per image.</summary>
public sealed record Classification(int[] Labels, float[] Confidences, float[] Logits, int ClassCount);
