namespace Strata.Domain.Foundation.Synthetic;

/// <summary>
/// Simulates one person at a time: demographics, conditions with onset dates, death, and three financial years of
/// activity, handing rows to an <see cref="ISyntheticSink"/>. One instance per worker (it keeps scratch state);
/// everything it draws comes from the Rng it is given, so a person block is reproducible from its fork.
/// </summary>
public sealed class PersonSimulator
{
    public const int NoDay = -1;

    /// <summary>Onset marker for a condition the person does not have.</summary>
    private const int Absent = int.MaxValue;

    /// <summary>Share of coded records written as ICD-10 rather than `strata` codes, where the condition has codes.</summary>
    public const double Icd10RecordShare = 0.25;

    /// <summary>Recurring conditions are re-recorded every 120–240 days, from two years before the window.</summary>
    public const int RecurMinDays = 120, RecurMaxDays = 240, RecurLookbackDays = 730;

    private readonly SyntheticModel _m;
    private readonly SimulationWindow _w;
    private readonly int[] _onset = new int[Cond.Count];
    private readonly double[] _frailtyTerm = new double[ActivityModel.Profiles.Count];
    private readonly List<int> _deliveries = [];

    /// <summary>This person's planned spells so far (day, specialty, whether a first attendance already led to it).</summary>
    private readonly List<(int Day, string Specialty, bool Referred)> _planned = [];

    /// <summary>Stream of a person's side draws (specialties, pathway events), forked from their token so the main
    /// stream — and every row it already drew — is the same as before these draws existed.</summary>
    private const ulong SideStream = 0x51DE;

    private Rng _side = new(0);
    private ulong _token;
    private char _sex;
    private int _birth, _practice, _place, _decile, _lsoa, _ethnicity, _death;
    private double _morbidity, _frailty;

    public PersonSimulator(SyntheticModel model)
    {
        _m = model;
        _w = model.Window;
    }

    /// <summary>Draws and emits one person.</summary>
    public void Simulate(long index, Rng rng, ISyntheticSink sink)
    {
        DrawPerson(index, rng);
        DrawDeath(rng);
        DrawPalliativeCare(rng);
        for (var c = 0; c < Cond.Count; c++)
        {
            if (_onset[c] != Absent && _death != NoDay && _onset[c] > _death)
            {
                _onset[c] = Absent;
            }
        }
        var (careHome, housebound) = ResidenceModel.Sample(_m.Seed, _token, SimulationWindow.AgeAt(_birth, _death == NoDay ? _w.EndDay : _death),
            MaskAt(_death == NoDay ? _w.EndDay : _death));
        sink.Person(new SyntheticPerson(_token, _sex, DateOnly.FromDayNumber(_birth).Year, _death, _practice, _lsoa, _decile, _ethnicity, careHome, housebound));
        EmitConditions(rng, sink);
        EmitActivity(rng, sink);
    }

    /// <summary>Demographics, registration, latent terms and conditions (before death is known).</summary>
    public void DrawPerson(long index, Rng rng)
    {
        _token = PersonToken.Of(_m.Seed, index);
        _side = Rng.Fork(_token, SideStream);
        _planned.Clear();
        (_sex, _birth) = _m.AgeSex.Sample(rng);
        _practice = _m.Layout.PickPractice(rng);
        var practice = _m.Layout.Practices[_practice];
        _place = practice.Place;
        _decile = 1 + rng.Pick(practice.DecileCumulative);
        _lsoa = rng.NextDouble() < 0.01 ? -1 : PlaceLayout.LsoaNumber(_practice, _decile, rng.NextInt(4));
        _ethnicity = EthnicityModel.Sample(rng, SimulationWindow.AgeAt(_birth, _w.ReferenceDay), _m.Layout.Places[_place].Diversity);
        _morbidity = rng.LogNormalMeanOne(ConditionModel.MorbiditySigma);
        _frailty = rng.Gamma(ActivityModel.FrailtyShape, 1 / ActivityModel.FrailtyShape);
        for (var k = 0; k < _frailtyTerm.Length; k++)
        {
            _frailtyTerm[k] = Math.Pow(_frailty, ActivityModel.Profiles[k].FrailtyPower);
        }
        _death = NoDay;
        DrawConditions(rng);
    }

    private void DrawConditions(Rng rng)
    {
        var end = _w.EndDay;
        var ageEnd = Math.Max(0, SimulationWindow.AgeAt(_birth, end));
        var cell = ConditionModel.Cell(_sex, RateBands.Of(ageEnd), _decile);
        for (var c = 0; c < Cond.Count; c++)
        {
            _onset[c] = Absent;
            var rate = ConditionModel.Rates[c];
            var p = ConditionModel.BaseTable[c][cell] * _morbidity;
            if (c == Cond.LiverFailure && _onset[Cond.AlcoholProblems] != Absent)
            {
                p *= ConditionModel.LiverFailureAlcoholMultiplier;
            }
            var u = rng.NextDouble();
            if (p <= 0 || u >= Math.Min(ConditionModel.MaxProbability, p))
            {
                continue;
            }
            _onset[c] = rate.Pattern == RecordPattern.Recent
                ? rng.Day(Math.Max(_birth, end - (int)(rate.RecentYears * 365.25)), end)
                : rng.Day(_birth + (int)(Math.Min(rate.OnsetFrom, ageEnd) * 365.25), end);
        }
        // Conditions that only follow another.
        Follow(rng, Cond.Cancer, Cond.CancerIncurable, ConditionModel.IncurableGivenCancer);
        Follow(rng, Cond.Ckd, Cond.EndStageRenal, ConditionModel.EndStageGivenCkd);
    }

    private void Follow(Rng rng, int after, int condition, double probability)
    {
        if (_onset[after] != Absent && rng.NextDouble() < probability)
        {
            _onset[condition] = rng.Day(_onset[after], _w.EndDay);
        }
    }

    /// <summary>Death by financial year from the life table and the person's conditions.</summary>
    public void DrawDeath(Rng rng)
    {
        for (var y = 0; y < _w.Years && _death == NoDay; y++)
        {
            if (!Lived(y, _w.EndDay, out var from, out var to))
            {
                continue;
            }
            var q = AnnualDeathProbability(from, to);
            var p = 1 - Math.Pow(1 - q, YearShare(y, from, to));
            if (rng.NextDouble() < p)
            {
                _death = rng.Day(from, to);
            }
        }
    }

    private double AnnualDeathProbability(int from, int to)
    {
        var age = SimulationWindow.AgeAt(_birth, from);
        return Math.Min(0.9, MortalityModel.Annual(age, _sex) * MortalityModel.HazardRatio(MaskAt(to))
            / _m.Calibration.MortalityNorm[RateBands.Of(age)]);
    }

    /// <summary>Palliative care register: most often in the last year of life, sometimes still alive at the window end.</summary>
    private void DrawPalliativeCare(Rng rng)
    {
        var mask = MaskAt(_death == NoDay ? _w.EndDay : _death);
        bool Has(int c) => ActivityModel.Has(mask, c);
        double p;
        if (_death != NoDay)
        {
            p = 0.25 + (Has(Cond.Cancer) ? 0.35 : 0) + (Has(Cond.Dementia) || Has(Cond.FrailtySevere) || Has(Cond.HeartFailure) || Has(Cond.Copd) ? 0.2 : 0);
        }
        else
        {
            var age = SimulationWindow.AgeAt(_birth, _w.EndDay);
            p = (Has(Cond.CancerIncurable) ? 0.35 : 0) + (Has(Cond.HeartFailure) ? 0.05 : 0) + (Has(Cond.Dementia) ? 0.06 : 0)
                + (Has(Cond.FrailtySevere) ? 0.08 : 0) + (age >= 85 ? 0.02 : 0);
        }
        if (rng.NextDouble() < Math.Min(0.85, p))
        {
            var last = _death == NoDay ? _w.EndDay : _death;
            _onset[Cond.PalliativeCare] = Math.Max(_birth, last - rng.Day(_death == NoDay ? 0 : 14, 365));
        }
    }

    /// <summary>The days of financial year y the person is alive and born, up to <paramref name="last"/>; false if none.</summary>
    private bool Lived(int y, int last, out int from, out int to)
    {
        from = Math.Max(_w.YearStartDay(y), _birth);
        to = Math.Min(_w.YearEndDay(y), last);
        return to >= from;
    }

    /// <summary>Share of financial year y covered by [from, to].</summary>
    private double YearShare(int y, int from, int to) => (to - from + 1) / (double)(_w.YearEndDay(y) - _w.YearStartDay(y) + 1);

    /// <summary>Bit mask of conditions with onset on or before a day.</summary>
    public int MaskAt(int day)
    {
        var mask = 0;
        for (var c = 0; c < Cond.Count; c++)
        {
            if (_onset[c] <= day)
            {
                mask |= 1 << c;
            }
        }
        return mask;
    }

    private void EmitConditions(Rng rng, ISyntheticSink sink)
    {
        var last = _death == NoDay ? _w.EndDay : _death;
        for (var c = 0; c < Cond.Count; c++)
        {
            var onset = _onset[c];
            if (onset == Absent)
            {
                continue;
            }
            Record(rng, sink, c, onset);
            if (ConditionModel.Rates[c].Pattern != RecordPattern.Recurring)
            {
                continue;
            }
            var day = onset + rng.Day(RecurMinDays, RecurMaxDays);
            day = Math.Max(day, _w.StartDay - RecurLookbackDays + rng.Day(0, RecurMinDays));
            for (; day <= last; day += rng.Day(RecurMinDays, RecurMaxDays))
            {
                Record(rng, sink, c, day);
            }
        }
    }

    private void Record(Rng rng, ISyntheticSink sink, int condition, int day)
    {
        var coded = !ConditionModel.Rates[condition].CodedOnly && _m.Coder.HasCodes(condition) && rng.NextDouble() < Icd10RecordShare;
        sink.Condition(condition, coded ? _m.Coder.Pick(condition, rng) : null, day);
    }

    private void EmitActivity(Rng rng, ISyntheticSink sink)
    {
        var last = _death == NoDay ? _w.EndDay : _death;
        var layout = _m.Layout;
        var scale = _m.Calibration.ProfileScale;
        DrawDeliveries(rng, sink, last);
        for (var y = 0; y < _w.Years; y++)
        {
            if (!Lived(y, last, out var from, out var to))
            {
                continue;
            }
            var exposure = YearShare(y, from, to);
            var age = SimulationWindow.AgeAt(_birth, from);
            var cell = ConditionModel.Cell(_sex, RateBands.Of(age), _decile);
            var mask = MaskAt(from);
            var profiles = ActivityModel.Profiles;
            double Mean(int k) => scale[k] * profiles[k].Relative(cell, mask, _frailtyTerm[k]);

            var emergencyRate = Mean(2);
            sink.EmergencyRate(_w.FinancialYear(y), emergencyRate);
            var practiceProvider = layout.PracticeProvider[_practice];

            for (var n = rng.Poisson(Mean(0) * exposure); n > 0; n--)
            {
                sink.Activity(Setting.Gp, practiceProvider, rng.Day(from, to), NoDay, null, UnitCosts.Pence(rng, Setting.Gp, UnitCosts.GpAppointment));
            }
            for (var n = rng.Poisson(emergencyRate * exposure); n > 0; n--)
            {
                EmergencyAdmission(rng, sink, rng.Day(from, to), last);
            }
            for (var n = rng.Poisson(Mean(1) * exposure); n > 0; n--)
            {
                var day = rng.Day(from, to);
                var provider = AcuteProvider(rng, false);
                sink.Activity(Setting.AandE, provider, day, NoDay, null, UnitCosts.Pence(rng, Setting.AandE, UnitCosts.AandE));
                if (rng.NextDouble() < ActivityModel.AmbulanceArrival(SimulationWindow.AgeAt(_birth, day)))
                {
                    sink.Activity(Setting.Ambulance, layout.Ambulance, day, NoDay, null, UnitCosts.Pence(rng, Setting.Ambulance, UnitCosts.AmbulanceConveyance));
                }
            }
            for (var n = rng.Poisson(Mean(3) * exposure); n > 0; n--)
            {
                var day = rng.Day(from, to);
                var stay = 1 + (int)rng.Exponential(ActivityModel.ElectiveMeanStayDays - 1);
                var end = Math.Min(day + stay, last);
                var provider = AcuteProvider(rng, true);
                var diagnosis = PlannedDiagnosis(rng, DiagnosisCodes.Elective, day);
                var (procedure, specialty) = PlannedCare.Of(diagnosis, elective: true);
                _planned.Add((day, specialty, false));
                sink.Activity(Setting.Elective, provider, day, end, diagnosis,
                    UnitCosts.Pence(rng, Setting.Elective, UnitCosts.ElectiveSpellBase + UnitCosts.ElectivePerDay * (end - day)), procedure, specialty);
            }
            for (var n = rng.Poisson(Mean(4) * exposure); n > 0; n--)
            {
                var day = rng.Day(from, to);
                var chemo = _onset[Cond.Cancer] <= day && rng.NextDouble() < 0.5;
                var provider = AcuteProvider(rng, !chemo);
                var diagnosis = chemo ? DiagnosisCodes.Chemotherapy : PlannedDiagnosis(rng, DiagnosisCodes.Daycase, day);
                var (procedure, specialty) = PlannedCare.Of(diagnosis, elective: false);
                if (!chemo)
                {
                    _planned.Add((day, specialty, false));
                }
                sink.Activity(Setting.Daycase, provider, day, day, diagnosis,
                    UnitCosts.Pence(rng, Setting.Daycase, chemo ? UnitCosts.Daycase * 0.5 : UnitCosts.Daycase), procedure, specialty);
            }
            if (y == 0)
            {
                // First attendances in the months before the window (not written) still bring follow-ups inside it,
                // so the first year has as many follow-ups as the later ones.
                var burnFrom = Math.Max(_birth, _w.StartDay - ActivityModel.FollowupMaxDays);
                var burnShare = (_w.StartDay - burnFrom) / 365.25;
                for (var n = burnShare > 0 ? rng.Poisson(Mean(5) * burnShare) : 0; n > 0; n--)
                {
                    var first = rng.Day(burnFrom, _w.StartDay - 1);
                    Followups(rng, sink, first, AcuteProvider(rng, true), last, FirstAttendanceSpecialty(first));
                }
            }
            for (var n = rng.Poisson(Mean(5) * exposure); n > 0; n--)
            {
                var day = rng.Day(from, to);
                var provider = AcuteProvider(rng, true);
                var specialty = FirstAttendanceSpecialty(day);
                sink.Activity(Setting.OutpatientFirst, provider, day, NoDay, null, UnitCosts.Pence(rng, Setting.OutpatientFirst, UnitCosts.OutpatientFirst),
                    specialty: specialty);
                Followups(rng, sink, day, provider, last, specialty);
            }
            for (var n = rng.Poisson(Mean(6) * exposure); n > 0; n--)
            {
                var provider = rng.NextDouble() < 0.93 ? layout.Community[_place] : layout.Vcse[rng.NextInt(layout.Vcse.Length)];
                sink.Activity(Setting.Community, provider, rng.Day(from, to), NoDay, null, UnitCosts.Pence(rng, Setting.Community, UnitCosts.CommunityContact));
            }
            for (var n = rng.Poisson(Mean(7) * exposure); n > 0; n--)
            {
                sink.Activity(Setting.MentalHealth, layout.MentalHealth, rng.Day(from, to), NoDay, null,
                    UnitCosts.Pence(rng, Setting.MentalHealth, UnitCosts.MentalHealthContact));
            }
        }
        EmitSocialCare(rng, sink, last);
        EmitPrescribing(rng, sink, last);
        EmitPathwayEvents(sink, last);
    }

    /// <summary>Diabetic amputations and in-centre haemodialysis (<see cref="PathwayEvents"/>), drawn from the side stream.</summary>
    private void EmitPathwayEvents(ISyntheticSink sink, int last)
    {
        var rng = _side;
        var diabetes = _onset[Cond.Diabetes];
        for (var y = 0; y < _w.Years; y++)
        {
            if (!Lived(y, last, out var from, out var to) || diabetes > to || SimulationWindow.AgeAt(_birth, from) < 18)
            {
                continue;
            }
            var start = Math.Max(from, diabetes);
            for (var n = rng.Poisson(PathwayEvents.AmputationPerYear * (to - start + 1) / 365.25); n > 0; n--)
            {
                Amputation(rng, sink, rng.Day(start, to), last);
            }
        }
        if (_onset[Cond.EndStageRenal] <= last && rng.NextDouble() < PathwayEvents.HaemodialysisShare)
        {
            var day = Math.Max(_onset[Cond.EndStageRenal], _w.StartDay) + rng.NextInt(3);
            for (var k = 0; day <= last; day += PathwayEvents.SessionGaps[k++ % PathwayEvents.SessionGaps.Count])
            {
                sink.Activity(Setting.Daycase, _m.Layout.Tertiary, day, day, PathwayEvents.DialysisDiagnosis,
                    UnitCosts.Pence(rng, Setting.Daycase, PathwayEvents.HaemodialysisSession), PathwayEvents.DialysisProcedure, PathwayEvents.Nephrology);
            }
        }
    }

    private void Amputation(Rng rng, ISyntheticSink sink, int day, int last)
    {
        var major = rng.NextDouble() < PathwayEvents.MajorAmputationShare;
        var procedure = major ? PathwayEvents.MajorAmputation : rng.NextDouble() < 0.5 ? PathwayEvents.FootAmputation : PathwayEvents.ToeAmputation;
        var emergency = rng.NextDouble() < PathwayEvents.AmputationEmergencyShare;
        var stay = 1 + (int)rng.Exponential((major ? PathwayEvents.MajorAmputationStayDays : PathwayEvents.MinorAmputationStayDays) - 1);
        var end = Math.Min(day + stay, last);
        var diagnosis = rng.NextDouble() < 0.1 ? PathwayEvents.Type1Circulatory : PathwayEvents.Type2Circulatory;
        var setting = emergency ? Setting.Emergency : Setting.Elective;
        var cost = emergency
            ? UnitCosts.EmergencySpellBase + UnitCosts.EmergencyPerDay * (end - day)
            : UnitCosts.ElectiveSpellBase + UnitCosts.ElectivePerDay * (end - day);
        sink.Activity(setting, AcuteProvider(rng, planned: false), day, end, diagnosis, UnitCosts.Pence(rng, setting, cost), procedure, PathwayEvents.VascularSurgery);
    }

    /// <summary>
    /// The specialty of a first attendance on <paramref name="day"/>: most often that of a planned spell of the person's
    /// in the next <see cref="PlannedCare.ReferralWindowDays"/> days not yet referred (the referral that led to it),
    /// else by the person's conditions and age.
    /// </summary>
    private string FirstAttendanceSpecialty(int day)
    {
        for (var i = 0; i < _planned.Count; i++)
        {
            var (spell, specialty, referred) = _planned[i];
            if (!referred && spell >= day && spell <= day + PlannedCare.ReferralWindowDays && _side.NextDouble() < PlannedCare.ReferredShare)
            {
                _planned[i] = (spell, specialty, true);
                return specialty;
            }
        }
        return PathwayEvents.FirstAttendanceSpecialty(_side, MaskAt(day), SimulationWindow.AgeAt(_birth, day));
    }

    /// <summary>Follow-up attendances after a first attendance on <paramref name="first"/>, those from the window start to <paramref name="last"/>.</summary>
    private void Followups(Rng rng, ISyntheticSink sink, int first, int provider, int last, string specialty)
    {
        for (var f = rng.Poisson(ActivityModel.FollowupsPerFirst); f > 0; f--)
        {
            var followup = first + rng.Day(ActivityModel.FollowupMinDays, ActivityModel.FollowupMaxDays);
            if (followup >= _w.StartDay && followup <= last)
            {
                sink.Activity(Setting.OutpatientFollowup, provider, followup, NoDay, null,
                    UnitCosts.Pence(rng, Setting.OutpatientFollowup, UnitCosts.OutpatientFollowup), specialty: specialty);
            }
        }
    }

    private void EmergencyAdmission(Rng rng, ISyntheticSink sink, int day, int last)
    {
        var age = SimulationWindow.AgeAt(_birth, day);
        var stay = rng.NextDouble() < _m.Planted.ZeroDayShare(_practice, age) ? 0 : 1 + (int)rng.Exponential(ActivityModel.MeanStayDays(age) - 1);
        var end = Math.Min(day + stay, last);
        var provider = AcuteProvider(rng, false);
        sink.Activity(Setting.Emergency, provider, day, end, EmergencyDiagnosis(rng, day, age),
            UnitCosts.Pence(rng, Setting.Emergency, UnitCosts.EmergencySpellBase + UnitCosts.EmergencyPerDay * (end - day)));
        if (rng.NextDouble() < ActivityModel.AdmissionViaAandE)
        {
            sink.Activity(Setting.AandE, provider, day, NoDay, null, UnitCosts.Pence(rng, Setting.AandE, UnitCosts.AandE));
        }
        if (rng.NextDouble() < ActivityModel.AdmissionByAmbulance)
        {
            sink.Activity(Setting.Ambulance, _m.Layout.Ambulance, day, NoDay, null, UnitCosts.Pence(rng, Setting.Ambulance, UnitCosts.AmbulanceConveyance));
        }
    }

    /// <summary>One of the person's coded conditions present that day (about half of admissions), else a common acute cause.</summary>
    private string EmergencyDiagnosis(Rng rng, int day, int age)
    {
        foreach (var delivery in _deliveries)
        {
            if (day <= delivery && day > delivery - 280 && rng.NextDouble() < ActivityModel.PregnancyAdmissionObstetric)
            {
                return DiagnosisCodes.PregnancyEmergency[rng.NextInt(DiagnosisCodes.PregnancyEmergency.Count)];
            }
        }
        var mask = MaskAt(day);
        var candidates = 0;
        for (var c = 0; c < Cond.Count; c++)
        {
            if (ActivityModel.Has(mask, c) && _m.Coder.HasCodes(c))
            {
                candidates++;
            }
        }
        if (candidates > 0 && rng.NextDouble() < Math.Min(0.7, 0.2 + 0.15 * candidates))
        {
            var pick = rng.NextInt(candidates);
            for (var c = 0; c < Cond.Count; c++)
            {
                if (ActivityModel.Has(mask, c) && _m.Coder.HasCodes(c) && pick-- == 0)
                {
                    return _m.Coder.Pick(c, rng);
                }
            }
        }
        if (age >= 65 && rng.NextDouble() < 0.06)
        {
            return DiagnosisCodes.HipFracture;
        }
        var list = age < 16 ? DiagnosisCodes.EmergencyChild : DiagnosisCodes.EmergencyAdult;
        return list[rng.NextInt(list.Count)];
    }

    private string PlannedDiagnosis(Rng rng, IReadOnlyList<string> list, int day)
    {
        if (_onset[Cond.Cancer] <= day && _m.Coder.HasCodes(Cond.Cancer) && rng.NextDouble() < 0.3)
        {
            return _m.Coder.Pick(Cond.Cancer, rng);
        }
        return list[rng.NextInt(list.Count)];
    }

    /// <summary>Home place's acute trust mostly; the neighbouring place's or the tertiary centre sometimes; planned care partly independent sector.</summary>
    private int AcuteProvider(Rng rng, bool planned)
    {
        var layout = _m.Layout;
        var u = rng.NextDouble();
        if (planned && u < 0.1)
        {
            return layout.Independent[rng.NextInt(layout.Independent.Length)];
        }
        u = rng.NextDouble();
        return u < 0.9 ? layout.Acute[_place] : u < 0.95 ? layout.Acute[(_place + 1) % layout.Acute.Length] : layout.Tertiary;
    }

    /// <summary>Deliveries from age-specific fertility, each with antenatal contacts and a delivery spell.</summary>
    private void DrawDeliveries(Rng rng, ISyntheticSink sink, int last)
    {
        _deliveries.Clear();
        if (_sex != 'F')
        {
            return;
        }
        for (var y = 0; y < _w.Years; y++)
        {
            var lived = Lived(y, last, out var from, out var to);
            var age = SimulationWindow.AgeAt(_birth, from);
            if (!lived || age < 15 || age >= 50)
            {
                continue;
            }
            var rate = ActivityModel.FertilityRate(age, _decile);
            if (rng.NextDouble() >= rate * YearShare(y, from, to))
            {
                continue;
            }
            var delivery = rng.Day(from, to);
            _deliveries.Add(delivery);
            var provider = AcuteProvider(rng, false);
            foreach (var before in ActivityModel.AntenatalDaysBefore)
            {
                var day = delivery - before + rng.Day(-7, 7);
                if (day >= _w.StartDay && day >= _birth && day <= last)
                {
                    sink.Activity(Setting.Maternity, provider, day, NoDay, null, UnitCosts.Pence(rng, Setting.Maternity, UnitCosts.AntenatalContact));
                }
            }
            var code = DiagnosisCodes.Delivery[rng.NextInt(DiagnosisCodes.Delivery.Count)];
            var caesarean = code.StartsWith("O82", StringComparison.Ordinal);
            var stay = caesarean ? 2 + rng.NextInt(3) : rng.NextInt(3);
            sink.Activity(Setting.Maternity, provider, delivery, Math.Min(delivery + stay, last), code,
                UnitCosts.Pence(rng, Setting.Maternity, caesarean ? UnitCosts.DeliveryCaesarean : UnitCosts.DeliveryVaginal));
        }
    }

    /// <summary>A long-term care package (home or residential) billed monthly from its start to death or the window end.</summary>
    private void EmitSocialCare(Rng rng, ISyntheticSink sink, int last)
    {
        var age = SimulationWindow.AgeAt(_birth, last);
        if (rng.NextDouble() >= ActivityModel.SocialCarePackage(age, MaskAt(last)))
        {
            return;
        }
        var adult = _birth + (int)(18 * 365.25);
        var start = Math.Max(adult, last - rng.Day(0, 6 * 365));
        var residential = rng.NextDouble() < ActivityModel.ResidentialShare;
        var monthly = residential ? UnitCosts.ResidentialCareMonth : UnitCosts.HomeCareMonth;
        var provider = rng.NextDouble() < 0.9 ? _m.Layout.SocialCare[_place] : _m.Layout.Vcse[rng.NextInt(_m.Layout.Vcse.Length)];
        foreach (var (monthStart, monthEnd) in _w.Months)
        {
            var s = Math.Max(monthStart, start);
            var e = Math.Min(monthEnd, last);
            if (s <= e)
            {
                sink.Activity(Setting.SocialCare, provider, s, e, null,
                    UnitCosts.Pence(rng, Setting.SocialCare, monthly * (e - s + 1) / (monthEnd - monthStart + 1)));
            }
        }
    }

    /// <summary>Quarterly repeat-dispensing batches for people on repeat medication, costed by LTC count.</summary>
    private void EmitPrescribing(Rng rng, ISyntheticSink sink, int last)
    {
        var mask = MaskAt(last);
        var ltc = System.Numerics.BitOperations.PopCount((uint)(mask & Cond.LongTermMask));
        if (rng.NextDouble() >= ActivityModel.RepeatMedication(SimulationWindow.AgeAt(_birth, last), ltc))
        {
            return;
        }
        var start = Math.Max(_birth, last - rng.Day(0, 10 * 365));
        for (var c = 0; c < 20; c++)
        {
            start = Math.Min(start, _onset[c]);
        }
        var provider = _m.Layout.PracticeProvider[_practice];
        var prescribingNeed = Math.Pow(_frailty, ActivityModel.PrescribingFrailtyPower) / ActivityModel.PrescribingFrailtyMean;
        foreach (var (quarterStart, quarterEnd) in _w.Quarters)
        {
            var s = Math.Max(quarterStart, Math.Max(start, _birth));
            var e = Math.Min(quarterEnd, last);
            if (s > e)
            {
                continue;
            }
            var ltcNow = System.Numerics.BitOperations.PopCount((uint)(MaskAt(s) & Cond.LongTermMask));
            var mean = (UnitCosts.PrescribingQuarterBase + UnitCosts.PrescribingQuarterPerLtc * ltcNow) * (e - s + 1) / (quarterEnd - quarterStart + 1)
                * prescribingNeed;
            sink.Activity(Setting.Prescribing, provider, s, e, null, UnitCosts.Pence(rng, Setting.Prescribing, mean));
        }
    }

    /// <summary>Adds this person's exposure-weighted mortality hazard ratio per age band (calibration pass 1).</summary>
    public void AccumulateHazard(double[] sum, double[] weight)
    {
        for (var y = 0; y < _w.Years; y++)
        {
            if (!Lived(y, _w.EndDay, out var from, out var to))
            {
                continue;
            }
            var band = RateBands.Of(SimulationWindow.AgeAt(_birth, from));
            var w = YearShare(y, from, to);
            sum[band] += w * MortalityModel.HazardRatio(MaskAt(to));
            weight[band] += w;
        }
    }

    /// <summary>Adds exposure × relative rate per profile (calibration pass 2); returns the exposure in years.</summary>
    public double AccumulateRelative(double[] sum)
    {
        var last = _death == NoDay ? _w.EndDay : _death;
        var total = 0.0;
        for (var y = 0; y < _w.Years; y++)
        {
            if (!Lived(y, last, out var from, out var to))
            {
                continue;
            }
            var w = YearShare(y, from, to);
            var cell = ConditionModel.Cell(_sex, RateBands.Of(SimulationWindow.AgeAt(_birth, from)), _decile);
            var mask = MaskAt(from);
            for (var k = 0; k < sum.Length; k++)
            {
                sum[k] += w * ActivityModel.Profiles[k].Relative(cell, mask, _frailtyTerm[k]);
            }
            total += w;
        }
        return total;
    }
}
