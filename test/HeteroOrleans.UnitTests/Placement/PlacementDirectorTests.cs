using System.Reflection;
using HeteroOrleans.Grains.Placement;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Metadata;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace HeteroOrleans.UnitTests.Placement;

public sealed class PlacementDirectorTests
{
    private static readonly SiloAddress EndSilo = Silo(1);
    private static readonly SiloAddress OtherEndSilo = Silo(2);
    private static readonly SiloAddress EdgeSilo = Silo(3);

    private readonly SiloDeviceDirectory _directory = new(new Metadata(new()
    {
        [EndSilo] = SiloDeviceMetadata.Write([Tier.End], [Device("end-01", Tier.End), Device("end-02", Tier.End)]),
        [OtherEndSilo] = SiloDeviceMetadata.Write([Tier.End], [Device("end-03", Tier.End)]),
        [EdgeSilo] = SiloDeviceMetadata.Write([Tier.Edge, Tier.Cloud], [Device("edge-01", Tier.Edge)]),
    }), null!, NullLogger<SiloDeviceDirectory>.Instance);

    [Fact]
    public void The_tier_filter_leaves_only_the_silos_tagged_with_the_grains_tier()
    {
        var filter = new TierPlacementFilter(_directory);

        Assert.Equal([EndSilo, OtherEndSilo], filter.Filter(new TierFilterStrategy(Tier.End), default, [EndSilo, OtherEndSilo, EdgeSilo]));
        Assert.Equal([EdgeSilo], filter.Filter(new TierFilterStrategy(Tier.Cloud), default, [EndSilo, OtherEndSilo, EdgeSilo]));
    }

    [Fact]
    public async Task A_device_is_placed_on_the_silo_that_declares_it_and_nowhere_else()
    {
        var director = new DevicePlacementDirector(_directory, new Tiers(Tier.End));

        Assert.Equal(OtherEndSilo, await director.OnAddActivation(new DevicePlacementStrategy(), Target("end-03"), new Context(EndSilo, OtherEndSilo)));
        Assert.Equal(EndSilo, await director.OnAddActivation(new DevicePlacementStrategy(), Target("end-01"), new Context(EndSilo, OtherEndSilo)));
    }

    [Fact]
    public async Task A_device_no_live_silo_declares_is_refused_naming_its_tier_and_the_config_to_fix()
    {
        var director = new DevicePlacementDirector(_directory, new Tiers(Tier.End));

        // Its silo is gone: the other end silo does not take it.
        var error = await Assert.ThrowsAsync<OrleansException>(() => director.OnAddActivation(new DevicePlacementStrategy(), Target("end-03"), new Context(EndSilo)));

        Assert.Contains("Device 'end-03' of tier End cannot be activated", error.Message);
        Assert.Contains("Add it to the Devices of a End silo config", error.Message);
    }

    private static PlacementTarget Target(string deviceId) =>
        new(GrainId.Create("enddevice", deviceId), [], default, 0);

    private static SiloAddress Silo(int port) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11110 + port), port);

    private static DeviceProfile Device(string id, Tier tier) => new(id, tier, "m", true, LinkProfile.Local, ComputeMode.Emulated, 1);

    private sealed class Metadata(Dictionary<SiloAddress, Dictionary<string, string>> silos) : ISiloMetadataCache
    {
        public SiloMetadata GetSiloMetadata(SiloAddress siloAddress) =>
            silos.TryGetValue(siloAddress, out var entries) ? Of(entries) : SiloMetadata.Empty;

        // Orleans fills silo metadata only from configuration; a test gives the entries through its internal setter.
        private static SiloMetadata Of(Dictionary<string, string> entries)
        {
            var metadata = new SiloMetadata();
            typeof(SiloMetadata)
                .GetMethod("AddMetadata", BindingFlags.NonPublic | BindingFlags.Instance, [typeof(IEnumerable<KeyValuePair<string, string>>)])!
                .Invoke(metadata, [entries]);
            return metadata;
        }
    }

    private sealed class Tiers(Tier tier) : IGrainTiers
    {
        public Tier? Of(GrainType grainType) => tier;
    }

    private sealed class Context(params SiloAddress[] compatible) : IPlacementContext
    {
        public SiloAddress LocalSilo => compatible[0];

        public SiloStatus LocalSiloStatus => SiloStatus.Active;

        public SiloAddress[] GetCompatibleSilos(PlacementTarget target) => compatible;

        public IReadOnlyDictionary<ushort, SiloAddress[]> GetCompatibleSilosWithVersions(PlacementTarget target) =>
            new Dictionary<ushort, SiloAddress[]> { [0] = compatible };
    }
}
