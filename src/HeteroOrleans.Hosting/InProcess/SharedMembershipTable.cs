using System.Collections.Concurrent;
using System.Globalization;

namespace HeteroOrleans.Hosting.InProcess;

/// <summary>
/// A membership table shared by the silos of one process, kept outside all of them, as an external store would be:
/// any silo of an in-process cluster may die and the others carry on. (Orleans' development clustering keeps its
/// table on the primary silo, whose death ends the cluster.) Used by <c>hetero bench chaos</c>, which kills silos at random.
/// </summary>
public sealed class SharedMembershipTable
{
    private static readonly ConcurrentDictionary<string, SharedMembershipTable> Clusters = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly Dictionary<SiloAddress, (MembershipEntry Entry, string ETag)> _rows = [];
    private TableVersion _version;
    private long _etags;

    private SharedMembershipTable() => _version = new TableVersion(0, NextETag());

    /// <summary>The table of cluster <paramref name="clusterId"/> in this process.</summary>
    public static SharedMembershipTable For(string clusterId) => Clusters.GetOrAdd(clusterId, _ => new SharedMembershipTable());

    /// <summary>Forgets the table of <paramref name="clusterId"/> (when its cluster is gone).</summary>
    public static void Forget(string clusterId) => Clusters.TryRemove(clusterId, out _);

    internal MembershipTableData Read(SiloAddress key, Func<MembershipEntry, MembershipEntry> copy)
    {
        lock (_lock)
        {
            return _rows.TryGetValue(key, out var row)
                ? new MembershipTableData(Tuple.Create(copy(row.Entry), row.ETag), _version)
                : new MembershipTableData(_version);
        }
    }

    internal MembershipTableData ReadAll(Func<MembershipEntry, MembershipEntry> copy)
    {
        lock (_lock)
        {
            return new MembershipTableData(_rows.Values.Select(row => Tuple.Create(copy(row.Entry), row.ETag)).ToList(), _version);
        }
    }

    internal bool Insert(MembershipEntry entry, TableVersion version)
    {
        lock (_lock)
        {
            if (_rows.ContainsKey(entry.SiloAddress) || _version.VersionEtag != version.VersionEtag)
            {
                return false;
            }

            _rows[entry.SiloAddress] = (entry, NextETag());
            _version = new TableVersion(version.Version, NextETag());
            return true;
        }
    }

    internal bool Update(MembershipEntry entry, string etag, TableVersion version)
    {
        lock (_lock)
        {
            if (!_rows.TryGetValue(entry.SiloAddress, out var row) || row.ETag != etag || _version.VersionEtag != version.VersionEtag)
            {
                return false;
            }

            _rows[entry.SiloAddress] = (entry, NextETag());
            _version = new TableVersion(version.Version, NextETag());
            return true;
        }
    }

    internal void UpdateIAmAlive(SiloAddress silo, DateTime iAmAlive)
    {
        lock (_lock)
        {
            if (_rows.TryGetValue(silo, out var row))
            {
                row.Entry.IAmAliveTime = iAmAlive;
                _rows[silo] = (row.Entry, NextETag());
            }
        }
    }

    internal void Clear()
    {
        lock (_lock)
        {
            _rows.Clear();
        }
    }

    internal void CleanupDefunct(DateTimeOffset before)
    {
        lock (_lock)
        {
            foreach (var (silo, row) in _rows.ToList())
            {
                var lastSeen = row.Entry.IAmAliveTime > row.Entry.StartTime ? row.Entry.IAmAliveTime : row.Entry.StartTime;
                if (row.Entry.Status != SiloStatus.Active && new DateTimeOffset(DateTime.SpecifyKind(lastSeen, DateTimeKind.Utc)) < before)
                {
                    _rows.Remove(silo);
                }
            }
        }
    }

    internal IList<Uri> Gateways()
    {
        lock (_lock)
        {
            return _rows.Values
                .Where(row => row.Entry.Status == SiloStatus.Active && row.Entry.ProxyPort != 0)
                .Select(row => SiloAddress.New(row.Entry.SiloAddress.Endpoint.Address, row.Entry.ProxyPort, row.Entry.SiloAddress.Generation).ToGatewayUri())
                .ToList();
        }
    }

    private string NextETag() => (++_etags).ToString(CultureInfo.InvariantCulture);
}
