using HeteroOrleans.Inference.Fitting;

namespace HeteroOrleans.Tests.Models;

public sealed class CalibrationTests
{
    [Fact]
    public void The_temperature_makes_the_confidence_equal_the_accuracy()
    {
        // Every row scores its predicted class 1 and the 19 others 0; the prediction is right 80 % of the time. The
        // calibrated softmax gives the predicted class probability 0.8: e^s / (e^s + 19) = 0.8, so s = ln 76.
        const int classes = 20, rows = 1000;
        var scores = new double[rows * classes];
        var labels = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            scores[i * classes] = 1;
            labels[i] = i % 5 == 0 ? 1 + i % 19 : 0;
        }

        var temperature = Calibration.Temperature(scores, classes, labels);

        Assert.Equal(1 / Math.Log(76), temperature, 3);
    }

    [Fact]
    public void A_classifier_that_is_always_right_gets_a_low_temperature_and_one_that_guesses_a_high_one()
    {
        const int classes = 10, rows = 200;
        var scores = new double[rows * classes];
        var right = new int[rows];
        var guessing = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            scores[i * classes + i % classes] = 1;
            right[i] = i % classes;
            guessing[i] = (i * 7 + 3) % classes;
        }

        Assert.True(Calibration.Temperature(scores, classes, right) < 0.2);
        Assert.True(Calibration.Temperature(scores, classes, guessing) > 5);
    }
}
