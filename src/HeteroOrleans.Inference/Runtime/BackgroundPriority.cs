using System.Runtime.InteropServices;

namespace HeteroOrleans.Inference.Runtime;

/// <summary>
/// Lowers a thread's share of the processor when the machine's cores are contended (on Linux, its nice value; elsewhere
/// the thread priority .NET maps to the platform's): inference that saturates every core then still leaves the short,
/// latency-bound work of the process (timers that answer requests by their deadline, Orleans messages, the web
/// server) to run as soon as it is due. Idle cores run it as fast as ever: a nice value only weighs contended time.
/// </summary>
internal static partial class BackgroundPriority
{
    private const int PriorityOfProcess = 0;

    /// <summary>Lowers the calling thread's priority to <paramref name="nice"/> (0 normal, 19 lowest), as far as the platform lets it.</summary>
    public static void LowerCurrentThread(int nice)
    {
        if (!OperatingSystem.IsLinux())
        {
            Thread.CurrentThread.Priority = ThreadPriority.BelowNormal;
            return;
        }

        try
        {
            // Linux schedules threads as tasks: a thread's id names it to setpriority, and the value stays the thread's own.
            _ = SetPriority(PriorityOfProcess, GetThreadId(), nice);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            // A libc without gettid (before glibc 2.30): the thread keeps its priority; inference runs as before.
        }
    }

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetThreadId();

    [LibraryImport("libc", EntryPoint = "setpriority")]
    private static partial int SetPriority(int which, int who, int priority);
}
