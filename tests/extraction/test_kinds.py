"""The kind of an unattributed statement: one rule per test, each with a statement it changes."""

import pytest

from claims.extraction.kinds import classify
from claims.extraction.records import ClaimKind


@pytest.mark.parametrize(
    "statement",
    [
        "The IMF has 184 members.",
        "The agency has filed 100 lawsuits against operators of server sites since December.",
        "The survey polled 110 impartial critics and broadcasters.",
    ],
)
def test_a_count_of_things_is_a_statistic(statement):
    assert classify(statement) == ClaimKind.STATISTIC


@pytest.mark.parametrize(
    "statement",
    [
        "The finance ministers of the 12 eurozone countries met in Brussels.",
        "The list of the top 10 data disasters was compiled by a recovery company.",
        "He played in a friendly within 24 hours of the qualifier.",
    ],
)
def test_a_number_that_names_a_group_or_a_span_is_not_a_count(statement):
    assert classify(statement) != ClaimKind.STATISTIC


@pytest.mark.parametrize(
    "statement",
    [
        "About 130 games for the console are in development.",
        "The keeper has missed nearly three full seasons with knee injuries.",
        "An estimated one million seafarers are at sea.",
    ],
)
def test_a_hedged_or_spelled_out_quantity_is_a_statistic(statement):
    assert classify(statement) == ClaimKind.STATISTIC


def test_a_measured_decimal_is_a_statistic():
    assert classify("Gatlin won the final in 9.87 seconds.") == ClaimKind.STATISTIC


def test_a_time_of_day_is_not_a_measured_decimal():
    assert classify("The ceremony began at 10.30 am in the capital.") == ClaimKind.EVENT


def test_a_version_number_is_not_a_statistic():
    assert classify("The company launched Windows 3.1 for home users.") == ClaimKind.EVENT


@pytest.mark.parametrize(
    "statement",
    [
        "Arsenal lost 2-0 to Manchester United at Old Trafford last October.",
        "Greene lost his Olympic 100m title at the Athens Olympics.",
        "Greene was denied gold in the men's 4x100m relay.",
    ],
)
def test_a_match_score_or_a_race_distance_reports_an_event(statement):
    assert classify(statement) == ClaimKind.EVENT


def test_millions_written_as_m_stay_a_statistic():
    assert classify("Nintendo has sold almost 4m consoles.") == ClaimKind.STATISTIC


@pytest.mark.parametrize(
    "statement",
    [
        "The cards are due to be issued in February next year.",
        "Due to enter service in 2006, the jet will replace the jumbo.",
    ],
)
def test_due_to_before_a_verb_is_a_schedule_not_a_cause(statement):
    assert classify(statement) == ClaimKind.PREDICTION


def test_due_to_before_a_noun_is_a_cause():
    assert classify("The match was called off due to the snow.") == ClaimKind.CAUSAL


@pytest.mark.parametrize(
    "statement",
    [
        "Airbus head Noel Forgeard is now set to replace Philippe Camus.",
        "Nintendo is also planning to release a media adapter for the handheld.",
        "The manager is said to be ready to make a bid for the defender.",
        "Maurice Greene aims to win a fourth world title.",
    ],
)
def test_a_plan_with_an_adverb_or_an_aim_is_a_prediction(statement):
    assert classify(statement) == ClaimKind.PREDICTION


@pytest.mark.parametrize(
    "statement",
    [
        "A shortened Finance Bill would have to be rushed through Parliament.",
        "Elderly people would choose how their own budget is spent under government plans.",
    ],
)
def test_a_conditional_outcome_is_a_prediction(statement):
    assert classify(statement) == ClaimKind.PREDICTION


def test_an_outcome_that_did_not_happen_is_not_a_prediction():
    assert classify("The striker would have scored without the tackle.") != ClaimKind.PREDICTION


@pytest.mark.parametrize(
    "statement",
    [
        "Arsenal and Manchester United meet at Highbury on Tuesday.",
        "Rusedski plays Federer at the Qatar Open later on Wednesday.",
        "Maurice Greene races in Birmingham on Friday.",
    ],
)
def test_a_present_tense_with_a_day_to_come_is_a_prediction(statement):
    assert classify(statement) == ClaimKind.PREDICTION


def test_a_past_tense_with_a_weekday_stays_an_event():
    assert classify("The council voted on Tuesday to close the libraries.") == ClaimKind.EVENT


def test_forecasts_as_a_noun_make_no_prediction():
    statement = "Turkey's growth over the past three years has been ahead of IMF forecasts."
    assert classify(statement) != ClaimKind.PREDICTION


@pytest.mark.parametrize(
    "statement",
    [
        "The takeover will be Japan's largest-ever takeover deal.",
        "The cards will be the world's first internationally issued biometric ID cards.",
        "Computer malfunctions remain the most common cause of file loss.",
        "The launch was the first time Milburn had shared a platform with Brown.",
    ],
)
def test_a_stated_superlative_is_a_comparison_before_a_forecast_or_a_cause(statement):
    assert classify(statement) == ClaimKind.COMPARISON


@pytest.mark.parametrize(
    "statement",
    [
        "An executive who froze his hard disk has topped a list of the weirdest mishaps.",
        "The Bravery came top of a poll to find the music scene's most promising new act.",
        "Rod Stewart introduced Percy Sledge, citing his best-known hit.",
    ],
)
def test_a_superlative_that_only_describes_leaves_a_past_happening_an_event(statement):
    assert classify(statement) == ClaimKind.EVENT


def test_a_superlative_in_a_present_statement_is_still_a_comparison():
    assert classify("The merger creates the world's biggest bank.") == ClaimKind.COMPARISON


@pytest.mark.parametrize(
    "statement",
    [
        "Camera phones had problems when they were first launched.",
        "It is a traditional first-person game that lets you control one character.",
        "Judges will be appointed by an independent panel rather than by ministers.",
        "Most analysts expect the bank to hold rates.",
    ],
)
def test_first_as_an_adverb_rather_than_and_a_leading_most_compare_nothing(statement):
    assert classify(statement) != ClaimKind.COMPARISON


def test_a_comparative_with_than_is_a_comparison():
    statement = "Data loss from a virus is far more common than loss from computer rage."
    assert classify(statement) == ClaimKind.COMPARISON


@pytest.mark.parametrize(
    ("statement", "kind"),
    [
        ("AC Milan and Manchester United meet at Old Trafford on Wednesday.", "prediction"),
        ("Manchester United signed the striker from Leeds.", "event"),
    ],
)
def test_a_capitalised_word_ending_in_ed_is_a_name_not_a_past_verb(statement, kind):
    assert classify(statement) == ClaimKind(kind)


def test_an_opening_participle_clause_is_not_the_main_verb():
    statement = "Sited at busy stations, the posters are fitted with an infra-red port."
    assert classify(statement) == ClaimKind.OTHER


@pytest.mark.parametrize(
    ("statement", "kind"),
    [
        ("Mido joined Tottenham on loan, scoring twice on his debut.", "event"),
        ("Greene was a double Olympic champion before Athens.", "event"),
        ("Sony Ericsson's profits doubled in the third quarter.", "statistic"),
        ("Broadband users download twice as much music as others.", "statistic"),
    ],
)
def test_twice_half_and_double_are_statistics_only_as_a_multiple(statement, kind):
    assert classify(statement) == ClaimKind(kind)


@pytest.mark.parametrize(
    "statement",
    [
        "It will be the third year in a row that the two countries have broken the rules.",
        "Next month's Budget will be Gordon Brown's ninth since Labour came to power.",
    ],
)
def test_a_place_in_a_series_is_a_statistic(statement):
    assert classify(statement) == ClaimKind.STATISTIC


def test_a_figure_expected_in_the_present_tense_is_a_prediction():
    assert classify("Games are expected to cost between £19 and £29.") == ClaimKind.PREDICTION


def test_a_figure_that_was_expected_stays_a_statistic():
    statement = "Five megastores and 150 shops were expected to open early on Friday."
    assert classify(statement) == ClaimKind.STATISTIC


def test_a_clock_time_is_not_a_hedged_number():
    statement = "Gordon Brown will deliver the Budget at about 1230 GMT on Wednesday."
    assert classify(statement) == ClaimKind.PREDICTION


def test_would_after_a_past_main_verb_leaves_an_event():
    statement = "A Dallas court agreed that lawyers would be allowed access to the records."
    assert classify(statement) == ClaimKind.EVENT


def test_a_past_progressive_with_a_weekday_is_an_event():
    statement = "The bill was entering its second reading in the Commons on Monday."
    assert classify(statement) == ClaimKind.EVENT


def test_a_perfect_after_a_modal_is_a_condition_not_a_happening():
    statement = "Eligible acts must not have had a UK top 20 single."
    assert classify(statement) == ClaimKind.OTHER


def test_had_as_the_main_verb_is_past():
    statement = "Maurice Greene had to settle for bronze behind Justin Gatlin."
    assert classify(statement) == ClaimKind.EVENT


@pytest.mark.parametrize(
    ("statement", "kind"),
    [
        ("The World Championships take place in Helsinki in August.", "prediction"),
        ("Jay-Z runs the label from January.", "prediction"),
        ("Inflation fell below 10% in August.", "statistic"),
        ("The figures cover sales in November 2003.", "other"),
    ],
)
def test_a_month_without_a_year_and_a_present_tense_is_a_prediction(statement, kind):
    assert classify(statement) == ClaimKind(kind)


def test_a_forecast_outranks_a_cause_it_mentions():
    statement = "The two are set to merge their operations, which could lead to a full merger."
    assert classify(statement) == ClaimKind.PREDICTION


def test_different_than_is_a_comparison():
    statement = "Apple's store uses a different format for songs than Napster and other rivals."
    assert classify(statement) == ClaimKind.COMPARISON


def test_a_possessive_before_a_noun_is_not_a_perfect():
    statement = "The sides meet on Wednesday and the Dutchman's presence is sure to add spice."
    assert classify(statement) == ClaimKind.PREDICTION


def test_a_participle_after_an_opening_subordinator_is_not_the_main_verb():
    statement = "When interrogated with a phone, the posters pass on a number to call."
    assert classify(statement) == ClaimKind.OTHER


@pytest.mark.parametrize(
    ("statement", "kind"),
    [
        ("The agreement must still be ratified at a meeting next month.", "prediction"),
        ("The deal has to be approved by shareholders of both firms.", "other"),
    ],
)
def test_a_passive_infinitive_is_not_a_past_happening(statement, kind):
    assert classify(statement) == ClaimKind(kind)


@pytest.mark.parametrize(
    ("statement", "kind"),
    [
        ("Turkey's growth has been ahead of the targets for three years.", "other"),
        ("Jay-Z's hits have included Hard Knock Life and Dirt Off Your Shoulder.", "other"),
        ("A new book charting the disputes has been published.", "event"),
    ],
)
def test_has_been_without_a_participle_and_have_included_are_states(statement, kind):
    assert classify(statement) == ClaimKind(kind)


def test_earlier_in_a_month_is_not_a_time_to_come():
    statement = "The dollar is within touching distance of a low reached earlier in November."
    assert classify(statement) != ClaimKind.PREDICTION


def test_a_promise_as_a_noun_is_not_a_commitment():
    statement = "Leeds group Kaiser Chiefs came fifth with a promise to lead a Britpop revival."
    assert classify(statement) == ClaimKind.EVENT


def test_a_film_about_two_boys_holds_no_hedged_number():
    statement = "The drama about two teenage boys brought Cuaron international attention."
    assert classify(statement) != ClaimKind.STATISTIC


def test_a_count_may_run_through_a_name():
    statement = "Five Virgin megastores and 150 Game shops opened early on Friday morning."
    assert classify(statement) == ClaimKind.STATISTIC


@pytest.mark.parametrize(
    "statement",
    [
        "He tore a pectoral muscle against the Ospreys on Boxing Day.",
        "During the game in October, the striker caught the defender with a tackle.",
    ],
)
def test_irregular_past_verbs_make_an_event_and_no_month_to_come(statement):
    assert classify(statement) == ClaimKind.EVENT


def test_a_month_after_a_past_participle_is_not_a_time_to_come():
    statement = "At its centre is the programme introduced in January to shake up benefits."
    assert classify(statement) != ClaimKind.PREDICTION


def test_an_opening_being_participle_is_not_the_main_verb():
    statement = "Despite being arrested and bailed, Buhecha was caught a second time."
    assert classify(statement) == ClaimKind.EVENT


def test_a_weekday_in_a_statement_with_a_past_verb_is_not_a_time_to_come():
    statement = "It has been a strange week for the firm, which on Tuesday received a statement."
    assert classify(statement) != ClaimKind.PREDICTION


@pytest.mark.parametrize(
    ("statement", "kind"),
    [
        ("Two of the Pretenders' guitarists died from drug overdoses.", "event"),
        ("The club needs the support of its largest shareholders.", "comparison"),
    ],
)
def test_a_short_ed_verb_is_past_but_need_is_not(statement, kind):
    assert classify(statement) == ClaimKind(kind)


def test_an_infinitive_is_not_the_main_verb():
    statement = "Manchester United's decision to sell Stam came after his book was published."
    assert classify(statement) == ClaimKind.EVENT


def test_plans_as_a_noun_make_no_prediction():
    statement = "Dominic Grieve criticised the government's plans to change the office."
    assert classify(statement) == ClaimKind.EVENT


def test_a_match_score_with_a_weekday_is_a_result_not_a_fixture():
    assert classify("Egypt beat Belgium 4-0 on Wednesday.") != ClaimKind.PREDICTION


def test_a_day_and_month_to_come_is_a_prediction():
    assert classify("U2 begin a world tour on 28 March.") == ClaimKind.PREDICTION


def test_a_participle_describing_a_noun_does_not_make_the_statement_past():
    statement = "The agreement needs ratifying at a meeting expected to take place next month."
    assert classify(statement) == ClaimKind.PREDICTION


@pytest.mark.parametrize(
    "statement",
    [
        "The new road-safety campaign aims to halve the number of cyclists hurt at junctions.",
        "In short it aims to protect the privacy of patients while allowing research.",
        "The amended treaty aims to curb overfishing in the Baltic.",
    ],
)
def test_an_aim_held_by_a_thing_tells_its_purpose_not_a_forecast(statement):
    assert classify(statement) == ClaimKind.OTHER


@pytest.mark.parametrize(
    "statement",
    [
        "The council's recycling scheme aims to cut landfill waste by 2010.",
        "The campaign aims to reach every school next year.",
        "Bayern Munich aim to sign a new goalkeeper.",
        "Hartley Group now aims to sell its clothing arm.",
    ],
)
def test_an_aim_with_a_time_to_come_or_held_by_a_name_is_a_prediction(statement):
    assert classify(statement) == ClaimKind.PREDICTION


@pytest.mark.parametrize(
    ("statement", "kind"),
    [
        ("Portugal has breached the 3% deficit ceiling.", ClaimKind.EVENT),
        ("Under the accord, banks must keep their leverage below 5%.", ClaimKind.OTHER),
        ("Members are required to hold reserves above 8 per cent of their loans.", ClaimKind.OTHER),
    ],
)
def test_a_figure_that_names_a_rules_limit_is_not_a_statistic(statement, kind):
    assert classify(statement) == kind


@pytest.mark.parametrize(
    "statement",
    [
        "Unemployment fell below 5% in March.",
        "Spain's deficit was 4.1% of output, above the 3% ceiling.",
    ],
)
def test_a_measured_figure_beside_a_limit_is_still_a_statistic(statement):
    assert classify(statement) == ClaimKind.STATISTIC


@pytest.mark.parametrize(
    "statement",
    [
        "The public inquiry lasted nine days.",
        "The repairs to the bridge took nearly three years.",
        "The final took 18 minutes longer than planned.",
    ],
)
def test_how_long_something_went_on_is_a_statistic(statement):
    assert classify(statement) == ClaimKind.STATISTIC


@pytest.mark.parametrize(
    "statement",
    [
        "The sprinter was also banned for two years after a failed test.",
        "The minister spent three days at the summit in Geneva.",
    ],
)
def test_a_stay_or_a_term_is_the_news_not_its_length(statement):
    assert classify(statement) == ClaimKind.EVENT


def test_an_age_stated_with_a_copula_is_a_statistic():
    assert classify("The new coach is a 41-year-old from Lyon.") == ClaimKind.STATISTIC


def test_would_in_what_someone_once_said_leaves_the_main_verb_an_event():
    statement = "Despite saying she would retire, the champion has entered the Paris marathon."
    assert classify(statement) == ClaimKind.EVENT
    assert classify("Pensioners would pick their own carers under the plans.") == (
        ClaimKind.PREDICTION
    )


def test_a_past_form_joined_by_and_before_any_verb_is_a_modifier_not_the_main_verb():
    statement = "Under the scheme, frail and widowed tenants would keep their homes."
    assert classify(statement) == ClaimKind.PREDICTION
    assert classify("The council sold the land and closed the depot.") == ClaimKind.EVENT


@pytest.mark.parametrize(
    "statement",
    [
        "If the talks collapse, the plant could close within a month.",
        "But if the rain continues, the final might be moved to Sunday.",
    ],
)
def test_a_possible_outcome_of_an_opening_condition_is_a_prediction(statement):
    assert classify(statement) == ClaimKind.PREDICTION


def test_could_without_a_condition_is_not_a_forecast():
    statement = "The keeper could not stop the penalty in the final minute."
    assert classify(statement) != ClaimKind.PREDICTION


def test_a_past_form_after_a_verb_the_pattern_does_not_know_is_still_the_main_verb():
    statement = "The band tours widely and recorded its third album in a barn."
    assert classify(statement) == ClaimKind.EVENT


@pytest.mark.parametrize(
    "statement",
    [
        "Prisoners cannot be moved against their will.",
        "The treaty protects the free will of the member states.",
    ],
)
def test_will_as_a_noun_is_not_a_forecast(statement):
    assert classify(statement) != ClaimKind.PREDICTION


def test_will_as_a_verb_is_still_a_forecast():
    assert classify("The ferry will stop at the island on Sundays.") == ClaimKind.PREDICTION


@pytest.mark.parametrize(
    "statement",
    [
        "Bond prices edged up, helped by weaker factory orders in Ohio.",
        "The rally was held back partly by a slide in copper.",
        "The review was sparked by a leaked memo about the canal.",
        "Strong harvests helped lift the farm index this month.",
    ],
)
def test_a_cause_in_the_passive_or_a_push_is_causal(statement):
    assert classify(statement) == ClaimKind.CAUSAL


def test_helped_without_by_is_not_a_cause():
    assert classify("The mayor helped the firefighters at the harbour.") == ClaimKind.EVENT


@pytest.mark.parametrize(
    "statement",
    [
        "The county's jobless rate is at a 30-year low.",
        "Wheat prices hit a record high in the spring.",
        "Senator Vale leads Governor Hart in polls out of Maine.",
        "Why the mayor is leading in the polls.",
        "The incumbent has been badly outspent by her challenger.",
    ],
)
def test_a_level_against_its_history_a_poll_lead_or_outdoing_is_a_comparison(statement):
    assert classify(statement) == ClaimKind.COMPARISON


def test_a_leader_outside_the_polls_compares_nothing():
    assert classify("The union leads the protest in the square.") != ClaimKind.COMPARISON


@pytest.mark.parametrize(
    "statement",
    [
        "The museum is expecting to open its new wing as soon as Friday.",
        "The sequel is a novel set for release by a small press in the autumn.",
        "Several of the junior ministers figure to lose their posts in the reshuffle.",
    ],
)
def test_an_expected_plan_a_release_date_or_a_likely_outcome_is_a_prediction(statement):
    assert classify(statement) == ClaimKind.PREDICTION


@pytest.mark.parametrize(
    "statement",
    [
        "The senator, whose poll numbers have fallen sharply, cancelled the rally.",
        "The governor has seen a rise in her standing among farmers.",
        "The Tokyo index closed the week slightly lower.",
    ],
)
def test_a_movement_in_a_measured_standing_is_a_statistic(statement):
    assert classify(statement) == ClaimKind.STATISTIC


def test_a_rise_in_something_unmeasured_is_not_a_statistic():
    assert classify("The town saw a rise in the river after the storm.") != ClaimKind.STATISTIC


@pytest.mark.parametrize(
    "statement",
    [
        "Its smaller rival, Norvale, fared slightly better.",
        "The brewer's sales beat analysts' expectations in the quarter.",
        "Younger voters do not seem as interested as those in the capital.",
    ],
)
def test_a_comparative_without_than_is_a_comparison(statement):
    assert classify(statement) == ClaimKind.COMPARISON


def test_as_well_as_compares_nothing():
    statement = "The brewer sold its pubs as well as the hotels in the north."
    assert classify(statement) == ClaimKind.EVENT


def test_has_become_with_a_description_is_a_state_not_a_happening():
    assert classify("The tram dispute has become a quieter issue in the suburbs.") == (
        ClaimKind.OTHER
    )


def test_has_become_with_a_participle_is_still_a_happening():
    statement = "The harbour board has become embroiled in a row over fees."
    assert classify(statement) == ClaimKind.EVENT


@pytest.mark.parametrize(
    "statement",
    [
        "Mayor Ortiz demands a recount of the ballots.",
        "Chancellor Brandt rejects the union's offer.",
    ],
)
def test_a_named_subject_acting_in_the_headline_present_is_an_event(statement):
    assert classify(statement) == ClaimKind.EVENT


def test_a_lower_case_subject_in_the_present_is_still_a_state():
    assert classify("The river talks to nobody in the valley.") == ClaimKind.OTHER


def test_a_margin_in_percentage_points_spelled_out_is_a_statistic():
    statement = "The survey's margin of error is plus or minus four percentage points."
    assert classify(statement) == ClaimKind.STATISTIC


@pytest.mark.parametrize(
    "statement",
    [
        "Okafor was previously a ferry pilot on the Clyde.",
        "The leaflet was not a council publication.",
    ],
)
def test_a_past_state_told_as_background_is_other(statement):
    assert classify(statement) == ClaimKind.OTHER


def test_a_plain_past_copula_with_a_happening_is_still_an_event():
    assert classify("The ferry was sold to a Danish firm.") == ClaimKind.EVENT


@pytest.mark.parametrize(
    "statement",
    [
        "Exports grew 4% last year, ahead of analysts' forecasts.",
        "The county's jobless rate of 3.9% is at a 30-year low.",
    ],
)
def test_a_comparison_named_as_such_outranks_the_figures_it_compares(statement):
    assert classify(statement) == ClaimKind.COMPARISON


def test_a_figure_without_a_named_comparison_is_still_a_statistic():
    assert classify("Exports grew 4% last year.") == ClaimKind.STATISTIC
