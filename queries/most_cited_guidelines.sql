-- Guideline sources the reviewers relied on, and how often the item was upheld.
SELECT source,
       count(*) AS citations,
       round(avg(CASE WHEN decision = 'Upheld' THEN 1 ELSE 0 END) * 100, 1) AS pct_upheld
FROM (SELECT unnest(guideline_sources) AS source, decision FROM treatments)
GROUP BY source
ORDER BY citations DESC;
