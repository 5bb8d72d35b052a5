using HeteroOrleans.Hosting.Configuration;
using HeteroOrleans.Hosting.Emulation;
using Microsoft.Extensions.Configuration;

namespace HeteroOrleans.UnitTests.Configuration;

public sealed class DevicePresetTests
{
    [Fact]
    public void A_calibrated_preset_keeps_its_time_per_batch_through_its_file_and_onto_the_devices()
    {
        var path = Path.Combine(Path.GetTempPath(), $"preset-{Guid.NewGuid():N}.json");
        new DevicePreset("calibrated", new Dictionary<Tier, TierProfile>
        {
            [Tier.End] = new(0.27, 0, MsPerBatch: 0.14),
            [Tier.Edge] = new(0.31, 500, 100, MsPerBatch: 0.19),
            [Tier.Cloud] = new(0.82, 1000, 50, MsPerBatch: 0.17),
        }).Save(path);

        try
        {
            var loaded = DevicePreset.Load(path);

            Assert.Equal(0.19, loaded.Tiers[Tier.Edge].MsPerBatch);
            var device = new DeviceProfile("edge-01", Tier.Edge, "model", true, LinkProfile.Local, ComputeMode.Onnx, 1);
            var settings = new SiloSettings("edge", [Tier.Edge], [device], "models", new HeteroSiloOptions(), new ConfigurationBuilder().Build().GetSection("Silo"));
            var emulated = Assert.Single(loaded.ApplyTo(settings, timeScale: 2).Devices);
            Assert.Equal((ComputeMode.Emulated, 0.155, 0.095), (emulated.ComputeMode, emulated.MsPerImage, emulated.MsPerBatch));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_preset_with_an_impossible_time_is_refused_naming_the_tier_and_the_key()
    {
        var path = Path.Combine(Path.GetTempPath(), $"preset-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            { "Name": "bad", "Tiers": {
              "End": { "MsPerImage": 0.3, "RoundTripLatencyMs": 0, "MsPerBatch": -1 },
              "Edge": { "MsPerImage": 0, "RoundTripLatencyMs": 500 },
              "Cloud": { "MsPerImage": 1, "RoundTripLatencyMs": 1000 } } }
            """);

        try
        {
            var error = Assert.Throws<ArgumentException>(() => DevicePreset.Load(path));

            Assert.Contains("Tiers:End:MsPerBatch: '-1' is not a non-negative number", error.Message);
            Assert.Contains("Tiers:Edge:MsPerImage: '0' is not a positive number", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
