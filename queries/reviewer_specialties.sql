-- Which specialties review which outcomes.
SELECT reviewer_specialty,
       count(*) AS letters,
       count(*) FILTER (WHERE overall_outcome = 'Upheld') AS upheld,
       count(*) FILTER (WHERE overall_outcome <> 'Upheld') AS overturned_at_least_in_part
FROM determinations
GROUP BY reviewer_specialty
ORDER BY letters DESC
LIMIT 15;
