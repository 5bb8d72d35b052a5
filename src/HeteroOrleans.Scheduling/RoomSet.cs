namespace HeteroOrleans.Scheduling;

/// <summary>
/// The devices of one stage that have room in their window: added, removed and sampled in constant time, so that a
/// choice among thousands of devices costs the same as among a few.
/// </summary>
internal sealed class RoomSet
{
    private readonly List<DeviceEstimate> _devices = [];
    private readonly Dictionary<DeviceEstimate, int> _positions = new(ReferenceEqualityComparer.Instance);

    public int Count => _devices.Count;

    /// <summary>Every device with room, in no particular order.</summary>
    public IReadOnlyList<DeviceEstimate> All => _devices;

    /// <summary>Puts <paramref name="device"/> in or out of the set.</summary>
    public void Set(DeviceEstimate device, bool hasRoom)
    {
        if (hasRoom == _positions.ContainsKey(device))
        {
            return;
        }

        if (hasRoom)
        {
            _positions[device] = _devices.Count;
            _devices.Add(device);
            return;
        }

        // Swap with the last: removal in constant time, at the cost of order.
        var at = _positions[device];
        var last = _devices[^1];
        _devices[at] = last;
        _positions[last] = at;
        _devices.RemoveAt(_devices.Count - 1);
        _positions.Remove(device);
    }

    /// <summary><paramref name="count"/> devices drawn at random (a device may be drawn twice).</summary>
    public IEnumerable<DeviceEstimate> Sample(int count, Random random)
    {
        for (var i = 0; i < count; i++)
        {
            yield return _devices[random.Next(_devices.Count)];
        }
    }
}
