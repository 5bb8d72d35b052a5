using System.Runtime.InteropServices;

namespace HeteroOrleans.Cli.Commands.Jobs;

/// <summary>
/// Which stop signals the client got while it followed a job: the first Ctrl+C or SIGTERM stops the client (the
/// command line cancels its token), and a second Ctrl+C asks for the job itself to be cancelled.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly TaskCompletionSource _secondInterrupt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private int _interrupts;

    public StopSignals()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            // The process stays: stopping is the client's own, in order (the command line's handler cancels its token).
            context.Cancel = true;
            if (Interlocked.Increment(ref _interrupts) >= 2)
            {
                _secondInterrupt.TrySetResult();
            }
        });
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            Terminated = true;
        });
    }

    /// <summary>True once Ctrl+C (SIGINT) came: someone at a terminal, who can be asked whether to cancel the job too.</summary>
    public bool Interrupted => Volatile.Read(ref _interrupts) > 0;

    /// <summary>True once SIGTERM came (a service manager or a script stopping the client).</summary>
    public bool Terminated { get; private set; }

    /// <summary>Completes at the second Ctrl+C.</summary>
    public Task SecondInterrupt => _secondInterrupt.Task;

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
    }
}
