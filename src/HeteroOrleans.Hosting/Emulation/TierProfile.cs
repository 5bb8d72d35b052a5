namespace HeteroOrleans.Hosting.Emulation;

/// <summary>The emulated profile of every device of one tier.</summary>
/// <param name="MsPerImage">Inference time per image.</param>
/// <param name="RoundTripLatencyMs">Round-trip link latency from the task assigner.</param>
/// <param name="BandwidthMbps">Link bandwidth; 0 = unlimited (the paper's setup models latency only).</param>
public sealed record TierProfile(double MsPerImage, double RoundTripLatencyMs, double BandwidthMbps = 0);
