using Strata.Domain.Foundation;
using Strata.Domain.Foundation.Synthetic;

namespace Strata.Domain.Tests.Foundation.Synthetic;

/// <summary>
/// The generator's pathway-specific events (docs/pathways.md, "Stage transitions in the synthetic ICB") happen at
/// their documented rates in a simulated population large enough to count them.
/// </summary>
public class PathwayEventsTests
{
    private const int People = 150_000;
    private static readonly SimulationWindow Window = new(new DateOnly(2022, 4, 1), 3);

    /// <summary>Counts per person what the tests need: diabetic adult exposure, amputations, dialysis, first attendances.</summary>
    private sealed class Counter : ISyntheticSink
    {
        private int _death, _yearOfBirth, _dialysisDays, _firstDialysis, _lastDialysis;
        private int _diabetesOnset = int.MaxValue;
        private bool _started;
        private bool _endStageRenal, _heartFailure;

        public double DiabeticYears;
        public long Amputations, MajorAmputations, AmputationsWithDiabetes, AmputationsOfAdultsWithDiabetes;
        public long EndStageRenalPeople, OnDialysis, DialysisSessions;
        public double DialysisWeeks;
        public long HeartFailureFirsts, HeartFailureCardiology, CodedPlannedSpells, PlannedSpells;

        public void Person(in SyntheticPerson person)
        {
            Close();
            _death = person.DeathDay;
            _yearOfBirth = person.YearOfBirth;
            _diabetesOnset = int.MaxValue;
            _endStageRenal = _heartFailure = false;
            _dialysisDays = 0;
        }

        public void Condition(int condition, string? icd10, int recordedDay)
        {
            if (condition == Cond.Diabetes)
            {
                _diabetesOnset = Math.Min(_diabetesOnset, recordedDay);
            }
            _endStageRenal |= condition == Cond.EndStageRenal;
            _heartFailure |= condition == Cond.HeartFailure;
        }

        public void Activity(int setting, int provider, int startDay, int endDay, string? diagnosis, long costPence, string? procedure = null, string? specialty = null)
        {
            if (procedure is PathwayEvents.MajorAmputation or PathwayEvents.FootAmputation or PathwayEvents.ToeAmputation)
            {
                Amputations++;
                MajorAmputations += procedure == PathwayEvents.MajorAmputation ? 1 : 0;
                AmputationsWithDiabetes += startDay >= _diabetesOnset ? 1 : 0;
                AmputationsOfAdultsWithDiabetes += Adult && startDay >= _diabetesOnset ? 1 : 0;
            }
            if (procedure == PathwayEvents.DialysisProcedure)
            {
                DialysisSessions++;
                _firstDialysis = _dialysisDays++ == 0 ? startDay : _firstDialysis;
                _lastDialysis = startDay;
            }
            if (setting is Setting.Elective or Setting.Daycase)
            {
                PlannedSpells++;
                CodedPlannedSpells += procedure is not null && specialty is not null ? 1 : 0;
            }
            if (setting == Setting.OutpatientFirst && _heartFailure && Adult)
            {
                HeartFailureFirsts++;
                HeartFailureCardiology += specialty == PlannedCare.Cardiology ? 1 : 0;
            }
        }

        public void EmergencyRate(int financialYear, double rate)
        {
        }

        /// <summary>Adults all through the window: born by 2003 (18 on 1 April 2022 or within weeks of it).</summary>
        private bool Adult => _yearOfBirth <= 2003;

        /// <summary>Adds the person just finished.</summary>
        public void Close()
        {
            if (!_started)
            {
                _started = true;
                return;
            }
            if (Adult && _diabetesOnset != int.MaxValue)
            {
                var from = Math.Max(Window.StartDay, _diabetesOnset);
                var to = _death == PersonSimulator.NoDay ? Window.EndDay : Math.Min(_death, Window.EndDay);
                DiabeticYears += Math.Max(0, to - from + 1) / 365.25;
            }
            if (_endStageRenal)
            {
                EndStageRenalPeople++;
                OnDialysis += _dialysisDays > 0 ? 1 : 0;
            }
            if (_dialysisDays > 1)
            {
                DialysisWeeks += (_lastDialysis - _firstDialysis) / 7.0;
            }
            _endStageRenal = false;
            _dialysisDays = 0;
        }
    }

    private static readonly Lazy<Counter> Simulated = new(() =>
    {
        var coder = new Icd10Coder([.. ConditionModel.Rates.Select(r => r.Condition)], []);
        var model = SyntheticModel.Create(Window, People, 5, coder);
        var simulator = new PersonSimulator(model);
        var sink = new Counter();
        var rng = new Rng(5);
        for (var i = 0; i < People; i++)
        {
            simulator.Simulate(i, rng, sink);
        }
        sink.Close();
        return sink;
    });

    [Fact]
    public void Adults_with_diabetes_have_about_2_6_amputations_per_1000_a_year_a_third_of_them_major()
    {
        var c = Simulated.Value;
        var rate = c.AmputationsOfAdultsWithDiabetes / c.DiabeticYears;
        Assert.True(c.AmputationsOfAdultsWithDiabetes >= 50, $"only {c.AmputationsOfAdultsWithDiabetes} amputations to count");
        Assert.InRange(rate, PathwayEvents.AmputationPerYear * 0.75, PathwayEvents.AmputationPerYear * 1.25);
        Assert.InRange(c.MajorAmputations / (double)c.Amputations, 0.2, 0.5);
        Assert.Equal(c.Amputations, c.AmputationsWithDiabetes);   // nobody without diabetes has one
    }

    [Fact]
    public void About_a_third_of_people_with_end_stage_renal_disease_have_haemodialysis_three_times_a_week()
    {
        var c = Simulated.Value;
        Assert.True(c.EndStageRenalPeople >= 50, $"only {c.EndStageRenalPeople} people with end-stage renal disease");
        Assert.InRange(c.OnDialysis / (double)c.EndStageRenalPeople, 0.25, 0.45);
        Assert.InRange(c.DialysisSessions / (c.DialysisWeeks + c.OnDialysis / 3.0), 2.8, 3.1);
    }

    [Fact]
    public void People_with_heart_failure_are_often_referred_to_cardiology_and_every_planned_spell_is_coded()
    {
        var c = Simulated.Value;
        // 30% of their first attendances are cardiology's, less those that are the referral for a planned spell, those of
        // people on the palliative care register (palliative medicine comes first) and those before the heart failure
        // was recorded; plus the general mix's own 7% of the rest.
        Assert.InRange(c.HeartFailureCardiology / (double)c.HeartFailureFirsts, 0.2, PathwayEvents.ConditionSpecialtyShare + 0.1);
        Assert.Equal(c.PlannedSpells, c.CodedPlannedSpells);
    }

    [Fact]
    public void Every_planned_diagnosis_has_a_procedure_and_specialty_in_the_forms_import_accepts()
    {
        foreach (var diagnosis in DiagnosisCodes.Elective.Concat(DiagnosisCodes.Daycase).Append(DiagnosisCodes.Chemotherapy).Concat(["C50", "C189", "C61", "C900", "C34"]))
        {
            foreach (var elective in new[] { true, false })
            {
                var (procedure, specialty) = PlannedCare.Of(diagnosis, elective);
                Assert.Matches("^[A-HJ-NP-Z][0-9]{3}$", procedure);
                Assert.Matches("^[0-9]{3}$", specialty);
            }
        }
        Assert.Equal(("W401", PlannedCare.TraumaOrthopaedics), PlannedCare.Of("M179", elective: true));
        Assert.Equal("H109", PlannedCare.Of("K573", elective: true).Procedure);
        Assert.Equal("H229", PlannedCare.Of("K573", elective: false).Procedure);
    }
}
