package io.gatehouse.identity.internal.iam;

import io.gatehouse.identity.AwsCall;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.Caller;
import io.gatehouse.identity.persistence.LoginProfileEntity;
import io.gatehouse.identity.persistence.UserEntity;
import io.gatehouse.identity.protocol.QueryParams;
import io.gatehouse.identity.protocol.XmlWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * CreateLoginProfile, GetLoginProfile, UpdateLoginProfile, DeleteLoginProfile and ChangePassword:
 * IAM users' console passwords. Passwords are checked against the account password policy
 * ({@link Passwords}); they are never returned and never put into the audit record's response
 * elements (its request parameters are redacted by the audit log).
 */
@ApplicationScoped
public class LoginProfileActions implements IamActionGroup {
    @Inject
    Guard guard;
    @Inject
    Passwords passwords;

    @Override
    public Map<String, IamAction> actions() {
        return Map.of("CreateLoginProfile", this::create, "GetLoginProfile", this::get,
                "UpdateLoginProfile", this::update, "DeleteLoginProfile", this::delete, "ChangePassword", this::change);
    }

    /** The named user, or the calling IAM user when no name is given. */
    private static UserEntity user(AwsCall call) {
        Caller caller = call.caller();
        String name = call.params().optional("UserName").orElse(caller == null ? null : caller.userName());
        if (name == null) {
            throw AwsException.validation("Must specify userName when calling with non-User credentials");
        }
        return UserActions.find(Guard.account(call), Constraints.name(name, "userName", 64));
    }

    private static LoginProfileEntity profile(UserEntity user) {
        LoginProfileEntity profile = LoginProfileEntity.findById(user.id);
        if (profile == null) {
            throw AwsException.noSuchEntity("Login Profile for User " + user.name + " cannot be found.");
        }
        return profile;
    }

    private static XmlWriter xml(UserEntity user, LoginProfileEntity profile) {
        return new XmlWriter().start("LoginProfile").element("UserName", user.name)
                .element("CreateDate", profile.createdAt).element("PasswordResetRequired", profile.resetRequired)
                .end("LoginProfile");
    }

    private AwsReply create(AwsCall call) {
        QueryParams p = call.params();
        UserEntity user = user(call);
        String password = Passwords.wellFormed(p.required("Password"), "password");
        boolean resetRequired = p.bool("PasswordResetRequired").orElse(false);
        guard.require(call, "iam:CreateLoginProfile", user.arn);
        if (LoginProfileEntity.findById(user.id) != null) {
            throw AwsException.alreadyExists("Login Profile for user " + user.name + " already exists.");
        }
        LoginProfileEntity profile = new LoginProfileEntity();
        profile.userId = user.id;
        profile.resetRequired = resetRequired;
        passwords.set(user, profile, password);
        profile.createdAt = profile.changedAt;
        profile.persist();
        // The password stays out of the response elements: only the profile's facts are recorded.
        return Replies.write(xml(user, profile), Map.of("loginProfile", Map.of("userName", user.name,
                "createDate", XmlWriter.date(profile.createdAt), "passwordResetRequired", resetRequired)),
                Replies.user(user));
    }

    private AwsReply get(AwsCall call) {
        UserEntity user = user(call);
        guard.require(call, "iam:GetLoginProfile", user.arn);
        return AwsReply.read(xml(user, profile(user)).toString());
    }

    private AwsReply update(AwsCall call) {
        QueryParams p = call.params();
        UserEntity user = UserActions.find(Guard.account(call), Constraints.name(p.required("UserName"), "userName", 64));
        String password = p.optional("Password").map(v -> Passwords.wellFormed(v, "password")).orElse(null);
        Boolean resetRequired = p.bool("PasswordResetRequired").orElse(null);
        guard.require(call, "iam:UpdateLoginProfile", user.arn);
        LoginProfileEntity profile = profile(user);
        if (password != null) {
            passwords.set(user, profile, password);
        }
        if (resetRequired != null) {
            profile.resetRequired = resetRequired;
        }
        return Replies.write(null, null, Replies.user(user));
    }

    private AwsReply delete(AwsCall call) {
        UserEntity user = user(call);
        guard.require(call, "iam:DeleteLoginProfile", user.arn);
        profile(user).delete();
        Passwords.forget(user.id);
        return Replies.write(null, null, Replies.user(user));
    }

    /** The calling IAM user changes their own password, proving the current one. */
    private AwsReply change(AwsCall call) {
        QueryParams p = call.params();
        String oldPassword = Passwords.wellFormed(p.required("OldPassword"), "oldPassword");
        String newPassword = Passwords.wellFormed(p.required("NewPassword"), "newPassword");
        Caller caller = call.caller();
        if (caller == null) {
            throw AwsException.missingAuthenticationToken();
        }
        if (caller.userName() == null) {
            throw new AwsException("InvalidUserType", 400, "Only IAM users can change their own password with ChangePassword.");
        }
        UserEntity user = UserActions.find(Guard.account(call), caller.userName());
        PasswordRules rules = PasswordRules.of(user.accountId);
        passwords.requireSelfService(call, "iam:ChangePassword", user.arn, rules.allowUsersToChange());
        LoginProfileEntity profile = profile(user);
        if (!passwords.matches(profile, oldPassword)) {
            // AWS documents no error for this case; refused as not authorized, the profile unchanged.
            throw AwsException.accessDenied("The old password is incorrect.");
        }
        passwords.set(user, profile, newPassword);
        profile.resetRequired = false;
        return Replies.write(null, null, Replies.user(user));
    }
}
