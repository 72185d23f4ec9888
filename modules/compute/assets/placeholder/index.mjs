// Placeholder for a Lambda whose build artifact was not supplied at synthesis.
// Answers 503 so a stage deployed without a build is visibly not serving yet.
export const handler = async (event) => {
  if (event && event.type === "warmer") {
    return { warmed: true };
  }
  return {
    statusCode: 503,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ error: "placeholder: no application build was deployed to this function" }),
  };
};
