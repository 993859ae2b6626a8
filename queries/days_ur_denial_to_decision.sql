-- How long workers wait: days from the utilization review denial to the IMR decision.
SELECT decision_year,
       count(days_ur_denial_to_decision) AS letters,
       median(days_ur_denial_to_decision) AS median_days,
       max(days_ur_denial_to_decision) AS max_days
FROM determinations
GROUP BY decision_year
ORDER BY decision_year;
