using Microsoft.Extensions.Logging;

namespace HeteroOrleans.Grains.Jobs;

/// <summary>
/// Writes a job's state as it changes, one write at a time and at most every half second while it runs: changes made
/// meanwhile are gathered into the next write, so that a job of a hundred thousand images on ten thousand devices
/// does not spend its silo rewriting megabytes of state. A flush writes at once. A write refused because another activation of
/// the job wrote since (a split after a silo failure) makes this one stale: it must stop and leave the job to the other.
/// A record that vanished (a store that restarted empty) is told apart from one written elsewhere: the live job is the
/// truth while it runs, and writes its record again.
/// </summary>
internal sealed class JobStore(IPersistentState<JobRecord> state, Func<JobRecord> snapshot, ILogger logger, string jobId, TimeProvider time)
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan WriteEvery = TimeSpan.FromMilliseconds(500);
    private bool _dirty;
    private int _flushes;
    private TaskCompletionSource _hurry = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _writing = Task.CompletedTask;
    private DateTimeOffset? _failingSince;

    /// <summary>Another activation of the job has written its state: this one no longer owns the job.</summary>
    public bool Stale { get; private set; }

    /// <summary>Times the job's stored record was found gone and written again from this activation.</summary>
    public int Lost { get; private set; }

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
                Answered();
                if (_dirty && _flushes == 0 && !Stale)
                {
                    // More changed while writing: gather a little more before the next write, unless a flush waits.
                    _hurry = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    await Task.WhenAny(Task.Delay(WriteEvery, time), _hurry.Task);
                }
            }
            catch (Orleans.Storage.InconsistentStateException e)
            {
                await RefusedAsync(e);
            }
            catch (Exception e)
            {
                // The store is unreachable for now: keep the job running and try again; nothing is lost but the write.
                // Said once when it starts and once when it ends, not at every try.
                if (_failingSince is null)
                {
                    _failingSince = time.GetUtcNow();
                    logger.LogWarning("Job {Job}: the store does not take the job's state ({Reason}); the job runs on and writes it again once the store answers",
                        jobId, e.GetBaseException().Message);
                }

                _dirty = true;
                await Task.Delay(RetryAfter, time);
            }
        }
    }

    // A write refused for its version: either another activation wrote the job since (this one must stop), or the
    // record is gone (the store restarted empty, or failed over to a replica without it) and this activation, which
    // holds the job whole, writes it afresh.
    private async Task RefusedAsync(Orleans.Storage.InconsistentStateException refusal)
    {
        try
        {
            await state.ReadStateAsync();
        }
        catch (Exception e)
        {
            // Cannot tell which: ask again at the next write.
            logger.LogWarning("Job {Job}: a write was refused and the stored record cannot be read ({Reason}); trying again", jobId, e.GetBaseException().Message);
            _dirty = true;
            await Task.Delay(RetryAfter, time);
            return;
        }

        if (state.RecordExists)
        {
            Stale = true;
            logger.LogWarning("Job {Job}: another activation has written the job's state; this one stops ({Reason})", jobId, refusal.Message);
            return;
        }

        Lost++;
        logger.LogWarning("Job {Job}: its stored record is gone (the store lost its data); this activation holds the whole job and writes it again", jobId);
        _dirty = true;
    }

    private void Answered()
    {
        if (_failingSince is { } since)
        {
            logger.LogInformation("Job {Job}: the store takes the job's state again after {Seconds:F1} s", jobId, (time.GetUtcNow() - since).TotalSeconds);
            _failingSince = null;
        }
    }
}
