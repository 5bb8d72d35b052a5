// The unit lane: `dotnet test test/HeteroOrleans.UnitTests`, or `--filter Category=Unit` from the repository root.
[assembly: Trait("Category", "Unit")]
