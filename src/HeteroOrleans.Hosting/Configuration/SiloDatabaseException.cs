namespace HeteroOrleans.Hosting.Configuration;

/// <summary>A silo's database cannot be reached or refused its login: one line for the operator, who may retry.</summary>
public sealed class SiloDatabaseException(string message, Exception inner) : Exception(message, inner);
