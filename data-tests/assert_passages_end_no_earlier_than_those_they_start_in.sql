-- A main-targets passage that starts inside another ends no earlier than it: goals places a
-- figure in the passage that opens nearest before it (an ASOF join), which holds the figure
-- whenever any passage does only if this holds.
with

passages as (
    select * from {{ ref('int_goal_passages_found') }}
)

select
    outer_passages.report_id,
    outer_passages.passage_start_offset as outer_start_offset,
    outer_passages.passage_end_offset as outer_end_offset,
    inner_passages.passage_start_offset as inner_start_offset,
    inner_passages.passage_end_offset as inner_end_offset
from passages as outer_passages
inner join passages as inner_passages
    on
        outer_passages.report_id = inner_passages.report_id
        and outer_passages.passage_start_offset < inner_passages.passage_start_offset
        and outer_passages.passage_end_offset > inner_passages.passage_start_offset
where inner_passages.passage_end_offset < outer_passages.passage_end_offset
