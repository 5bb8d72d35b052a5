using System.Globalization;

namespace HeteroOrleans.Cli.Commands.Bench;

/// <summary>The options the bench commands share, each said once.</summary>
internal static class BenchOptions
{
    /// <summary>The <c>--preset</c> that runs the silo configs' devices as they are, on ONNX Runtime for real.</summary>
    public const string RealDevices = "onnx";

    /// <summary>The highest request rate a bench sweeps: its requests are planned in advance, one each.</summary>
    public const double MostRequestsPerSecond = 100_000;

    /// <summary><c>--preset</c>: how devices are emulated.</summary>
    public static Option<string> Preset() => new("--preset")
    {
        Description = "'paper' (Table 2) or a preset file from 'hetero bench calibrate'",
        DefaultValueFactory = _ => "paper",
    };

    /// <summary><c>--preset</c> of a bench that may also run the configs' real devices (<see cref="RealDevices"/>).</summary>
    public static Option<string> PresetOrRealDevices()
    {
        var preset = Preset();
        preset.Description += $"; '{RealDevices}': the silo configs' devices as they are, running ONNX Runtime for real";
        return preset;
    }

    /// <summary>True when <paramref name="preset"/> asks for the configs' real devices.</summary>
    public static bool IsRealDevices(string? preset) => string.Equals(preset, RealDevices, StringComparison.OrdinalIgnoreCase);

    /// <summary><c>--scheme</c>: the scheme of every job of a sweep, Adaptive unless given.</summary>
    public static Option<SchedulingScheme> Scheme() => new("--scheme") { Description = "Scheme of every job", DefaultValueFactory = _ => SchedulingScheme.Adaptive };

    /// <summary><c>--images</c>: images per job.</summary>
    public static Option<int> Images(int byDefault) => new("--images") { Description = "Images per job", DefaultValueFactory = _ => byDefault };

    /// <summary><c>--runs</c>: repetitions, at least one.</summary>
    public static Option<int> Runs(string description, int byDefault)
    {
        var option = new Option<int>("--runs") { Description = description, DefaultValueFactory = _ => byDefault };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() <= 0)
            {
                r.AddError("--runs must be positive.");
            }
        });
        return option;
    }

    /// <summary>
    /// An option whose values a bench sweeps (repeat it, give several after it, or a list: 10,100): <paramref name="defaults"/> unless
    /// given; a value <paramref name="valid"/> refuses is a parse error that says <paramref name="rule"/>.
    /// </summary>
    public static Option<double[]> Sweep(string name, string what, IReadOnlyList<double> defaults, Func<double, bool> valid, string rule)
    {
        var option = new Option<double[]>(name)
        {
            Description = $"{what} to sweep (repeat the option)",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => defaults.ToArray(),

            // Values may also come as a list (2000,2500): read as one number with a thousands separator, that list
            // would be a rate of two quadrillion requests a second.
            CustomParser = result =>
            {
                var values = new List<double>();
                foreach (var text in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
                {
                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                    {
                        result.AddError($"{name} '{text}' is not a number (decimals take a point: 0.5).");
                    }
                    else if (!valid(value))
                    {
                        result.AddError($"{name} {text}: {name} {rule}.");
                    }

                    values.Add(value);
                }

                return [.. values];
            },
        };
        return option;
    }

    /// <summary><c>--time-scale</c>: emulated times are divided by it while running.</summary>
    public static Option<double> TimeScale(double byDefault) => new("--time-scale")
    {
        Description = "Emulated times are divided by this, measured ones multiplied back",
        DefaultValueFactory = _ => byDefault,
    };

    /// <summary><c>--data</c>: CIFAR-100 test data.</summary>
    public static Option<string?> Data(string use) => new("--data") { Description = $"CIFAR-100 test data{use} (default ${DataSource.DataVariable}, else synthetic)" };

    /// <summary><c>--out-dir</c>: where the bench writes <paramref name="files"/>.</summary>
    public static Option<string> OutDir(string files) => new("--out-dir") { Description = $"Folder for {files}", DefaultValueFactory = _ => "bench-results" };

    /// <summary><c>--out</c>: the one file a bench writes.</summary>
    public static Option<string> OutFile(string description, string fileName) => new("--out")
    {
        Description = description,
        DefaultValueFactory = _ => Path.Combine("bench-results", fileName),
    };
}
