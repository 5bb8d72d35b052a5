namespace HeteroOrleans.Hosting.Emulation;

/// <summary>The emulated profile of every device of one tier.</summary>
/// <param name="MsPerImage">Inference time per image.</param>
/// <param name="RoundTripLatencyMs">Round-trip link latency from the task assigner.</param>
/// <param name="BandwidthMbps">Link bandwidth; 0 = unlimited (the paper's setup models latency only).</param>
/// <param name="MsPerBatch">Time per batch besides the time per image (0 in the paper's Table 2, which gives per-image times only).</param>
public sealed record TierProfile(double MsPerImage, double RoundTripLatencyMs, double BandwidthMbps = 0, double MsPerBatch = 0);
