namespace HeteroOrleans.Inference.Privacy;

/// <summary>What a cut's expected time depends on besides the model.</summary>
/// <param name="TrustedMsPerFlop">A trusted device's time per floating-point operation (its ms per image over its model's operations).</param>
/// <param name="UntrustedMsPerFlop">The untrusted device's time per floating-point operation.</param>
/// <param name="BandwidthMbps">The untrusted device's link; 0: unlimited.</param>
/// <param name="Encoding">How the tensor at the cut travels.</param>
/// <param name="TrustedPerUntrusted">Trusted devices that run heads for each untrusted device, side by side; at least 1 counts.</param>
/// <param name="TrustedOwnMsPerImage">What the trusted devices do for each image besides the head (end devices: the coarse stage).</param>
public sealed record CutCosts(
    double TrustedMsPerFlop, double UntrustedMsPerFlop, double BandwidthMbps, FeatureEncoding Encoding, double TrustedPerUntrusted = 1, double TrustedOwnMsPerImage = 0);
