using Orleans.Configuration;

namespace HeteroOrleans.Hosting.Configuration;

/// <summary>
/// Checks the membership tuning of <c>Silo:Membership</c> before Orleans does, so that a wrong value is named by its key
/// with the other problems of the config, not found by the silo as it joins.
/// </summary>
public sealed class MembershipOptionsValidator : SectionValidator<ClusterMembershipOptions>
{
    /// <inheritdoc />
    protected override string DefaultSection => $"{HeteroSiloOptions.SectionName}:Membership";

    /// <inheritdoc />
    protected override void Check(string key, ClusterMembershipOptions options, List<string> errors)
    {
        LongerThanZero(key, nameof(options.ProbeTimeout), options.ProbeTimeout, errors);
        AtLeastOne(key, nameof(options.NumMissedProbesLimit), options.NumMissedProbesLimit, errors);
        AtLeastOne(key, nameof(options.NumProbedSilos), options.NumProbedSilos, errors);
        if (options.NumVotesForDeathDeclaration < 1 || options.NumVotesForDeathDeclaration > Math.Max(1, options.NumProbedSilos))
        {
            errors.Add($"{key}:NumVotesForDeathDeclaration: must be between 1 and NumProbedSilos ({options.NumProbedSilos})");
        }
    }
}
