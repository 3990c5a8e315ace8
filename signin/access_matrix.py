from brobygger.matrix import ROLES, Page

everyone = frozenset(ROLES)

PAGES = [
    # The second step without a first step sends anyone back to the password step.
    Page("signin_verify", everyone),
    Page("signin_enrol", everyone),
    Page("signin_recovery_codes", everyone),
    Page("signin_new_codes", everyone, method="post"),
    Page("signin_account", everyone),
    Page("signin_sign_out_everywhere", everyone, method="post"),
    Page("signin_reset_second_factor", frozenset({"administrator"}),
         kwargs=lambda w: {"pk": w.users["caseworker_a"].pk}),
]
