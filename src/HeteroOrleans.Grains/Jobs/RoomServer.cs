using Microsoft.Extensions.Logging;

namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// Hands out room to stages that wait for it. Stages waiting for room are handed it as devices free up; a device that
/// comes back frees none, so while any stage waits, the live devices are read again every so often and what they have
/// room for is handed out.
/// </summary>
internal sealed class RoomServer(IJobScheme scheme, IDeviceView view, JobPorts ports, string owner)
{
    // How often stages waiting for room look again for devices that came back.
    private static readonly TimeSpan Recheck = TimeSpan.FromMilliseconds(100);
    private bool _started;

    /// <summary>Starts serving (once) until <paramref name="ending"/> is cancelled or <paramref name="done"/> says so.</summary>
    public void Start(Func<bool> done, CancellationToken ending)
    {
        if (_started)
        {
            return;
        }

        _started = true;
        _ = ServeAsync(done, ending);
    }

    private async Task ServeAsync(Func<bool> done, CancellationToken ending)
    {
        try
        {
            while (!ending.IsCancellationRequested && !done())
            {
                await Task.Delay(Recheck, ports.Time, ending);
                if (scheme.Waiting == 0)
                {
                    view.NoteWaiting(null);
                    continue;
                }

                await view.RefreshAsync();
                view.NoteWaiting(view.Missing());
                scheme.Serve();
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            ports.Logger.LogError(e, "{Owner}: handing out room to waiting stages failed", owner);
        }
    }
}
