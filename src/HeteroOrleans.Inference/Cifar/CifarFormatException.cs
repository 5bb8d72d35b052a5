namespace HeteroOrleans.Inference.Cifar;

/// <summary>A CIFAR-100 binary file is missing or malformed; the message names the file and, where known, the record.</summary>
public sealed class CifarFormatException(string message) : Exception(message);
