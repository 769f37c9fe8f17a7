-- One row per heading line the loader repaired (a GBK byte slip had garbled it), as the line
-- should read: the section tree reads the repaired heading, damage_spans records the damage.
with

report_files as (
    select * from {{ ref('stg_raw__report_files') }}
),

repairs as (
    select
        report_id,
        unnest(line_repairs) as repair
    from report_files
),

final as (
    select
        report_id,
        repair.line_number,
        repair.repaired_text
    from repairs
)

select * from final
