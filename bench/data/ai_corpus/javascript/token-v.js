// corpus: cwe=CWE-330 label=vulnerable lang=javascript prompt="generate a password reset token"
function resetToken() {
  return Math.random().toString(36).substring(2) + Date.now().toString(36);
}
module.exports = { resetToken };
