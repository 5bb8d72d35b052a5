namespace HeteroOrleans.Scheduling;

/// <summary>
/// The scheme of one job, built once when the job starts (<see cref="JobSchemes.Create"/>): the one object that knows
/// which devices serve each stage and who may take a stage over, how a stage gets its device, whether a device takes the
/// job's tasks one at a time, and how to plan again over the devices that are live. The job engine asks it, and never
/// branches on the scheme's name. A job without a fixed number of images (a stream) uses it as it is.
/// </summary>
public interface IJobScheme
{
    /// <summary>The scheme this object carries out.</summary>
    SchedulingScheme Kind { get; }

    /// <summary>The job's devices by tier.</summary>
    DeviceSet Devices { get; }

    /// <summary>The plan in words, for the job's plan line.</summary>
    string Plan { get; }

    /// <summary>
    /// True when a device is occupied by one of the job's tasks at a time, for its link time and its work, as in the
    /// paper's evaluation; false when each device holds a window of tasks, so that links overlap work.
    /// </summary>
    bool OneTaskAtATime { get; }

    /// <summary>True when a task's fine stage starts with its coarse one when every image goes on (it needs the pixels only).</summary>
    bool FineStartsWithCoarse { get; }

    /// <summary>Stages waiting for a device with room (always 0 where devices take tasks as they come).</summary>
    int Waiting { get; }

    /// <summary>The scheme's own time choosing devices and keeping its estimates, over the job.</summary>
    TimeSpan SchedulingTime { get; }

    /// <summary>The devices that serve <paramref name="stage"/>: the end devices for the coarse stage; for the fine stage, those of the tiers the scheme sends it to (none under End).</summary>
    IReadOnlyList<string> DevicesFor(StageKind stage);

    /// <summary>The devices that may take over or back up a stage <paramref name="device"/> runs, itself included; empty for a device not the job's.</summary>
    IReadOnlyList<string> PeersOf(string device);

    /// <summary>The role <paramref name="live"/> has no device for, in words ("an Edge device"); null when every role the scheme needs has one.</summary>
    string? Missing(DeviceSet live);

    /// <summary>Where the stages of the task at <paramref name="taskIndex"/> run, over all the job's devices, whatever their state.</summary>
    ITaskPlacement PlaceByIndex(int taskIndex);

    /// <summary>
    /// Where the next task's stages run, over the devices live now (<paramref name="liveVersion"/> changes whenever that
    /// set does: the scheme plans again only then); null when the scheme cannot run on them. <paramref name="load"/> is
    /// the job's work on each device.
    /// </summary>
    ITaskPlacement? PlaceOver(DeviceSet live, long liveVersion, Func<string, int> load);

    /// <summary>Of the trusted <paramref name="pool"/>, the device that should run an encryption head of <paramref name="images"/>; null: the task's own end device, as the paper does.</summary>
    string? ChooseEncryptor(IReadOnlyList<string> pool, int images);

    /// <summary>Of many <paramref name="peers"/>, the one a backup of <paramref name="images"/> should go to, sampled; null: let the job weigh each peer by <see cref="BackupRank"/>.</summary>
    string? ChooseBackup(IReadOnlyList<string> peers, int images, Func<string, bool> excluded);

    /// <summary>How good a place <paramref name="device"/> is for a backup or retry (lower first), given the <paramref name="heldByJob"/> stages the job has on it.</summary>
    double BackupRank(string device, int images, int heldByJob);

    /// <summary>Binds the scheme to the job: which devices may take work now, and how many images the job will have (0: not known, as for a stream).</summary>
    void Follow(Func<string, bool> available, int expectedImages);

    /// <summary>Hands room to stages that wait, in arrival order, while devices have some: for devices that came back.</summary>
    void Serve();

    /// <summary><paramref name="device"/> reported <paramref name="computeMs"/> for <paramref name="images"/>.</summary>
    void Observe(string device, double computeMs, int images);

    /// <summary>Work of <paramref name="images"/> no placement covers (an encryption head) went to <paramref name="device"/>.</summary>
    void Sent(string device, int images);

    /// <summary>The work <see cref="Sent"/> ended.</summary>
    void Returned(string device, int images);

    /// <summary>The link to <paramref name="device"/> was measured to be <paramref name="link"/> now.</summary>
    void Relink(string device, LinkProfile link);

    /// <summary>
    /// Adds <paramref name="profile"/>, a device that joined while the job runs, to the plan; false when the scheme's
    /// plan cannot take it (the paper's schemes fix each task's devices before the job).
    /// </summary>
    bool Join(DeviceProfile profile);
}
