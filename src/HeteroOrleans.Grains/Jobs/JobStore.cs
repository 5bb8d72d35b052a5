using Microsoft.Extensions.Logging;

namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// Writes a job's state as it changes, one write at a time and at most every half second while it runs: changes made
/// meanwhile are gathered into the next write, so that a job of a hundred thousand images on ten thousand devices
/// does not spend its silo rewriting megabytes of state. A flush writes at once. A write refused because another activation of
/// the job wrote since (a split after a silo failure) makes this one stale: it must stop and leave the job to the other.
/// </summary>
internal sealed class JobStore(IPersistentState<JobRecord> state, Func<JobRecord> snapshot, ILogger logger, string jobId, TimeProvider time)
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan WriteEvery = TimeSpan.FromMilliseconds(500);
    private bool _dirty;
    private int _flushes;
    private TaskCompletionSource _hurry = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _writing = Task.CompletedTask;

    /// <summary>Another activation of the job has written its state: this one no longer owns the job.</summary>
    public bool Stale { get; private set; }

    /// <summary>Notes a change; it is written soon.</summary>
    public void Changed()
    {
        _dirty = true;
        if (_writing.IsCompleted)
        {
            _writing = WriteAsync();
        }
    }

    /// <summary>Writes every change made so far, and returns once it is stored (or this activation is stale).</summary>
    public async Task FlushAsync()
    {
        _flushes++;
        try
        {
            Changed();
            _hurry.TrySetResult();
            while (!_writing.IsCompleted)
            {
                await _writing;
            }
        }
        finally
        {
            _flushes--;
        }
    }

    private async Task WriteAsync()
    {
        while (_dirty && !Stale)
        {
            _dirty = false;
            state.State = snapshot();
            try
            {
                await state.WriteStateAsync();
                if (_dirty && _flushes == 0 && !Stale)
                {
                    // More changed while writing: gather a little more before the next write, unless a flush waits.
                    _hurry = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    await Task.WhenAny(Task.Delay(WriteEvery, time), _hurry.Task);
                }
            }
            catch (Orleans.Storage.InconsistentStateException e)
            {
                Stale = true;
                logger.LogWarning("Job {Job}: another activation has written the job's state; this one stops ({Reason})", jobId, e.Message);
            }
            catch (Exception e)
            {
                // The store is unreachable for now: keep the job running and try again; nothing is lost but the write.
                logger.LogWarning(e, "Job {Job}: writing the job's state failed; retrying in {Seconds} s", jobId, RetryAfter.TotalSeconds);
                _dirty = true;
                await Task.Delay(RetryAfter, time);
            }
        }
    }
}
