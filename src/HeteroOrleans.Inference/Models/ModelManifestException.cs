namespace HeteroOrleans.Inference.Models;

/// <summary>The model manifest or a model file is missing or invalid; the message names the file and the field.</summary>
public sealed class ModelManifestException(string message) : Exception(message);
