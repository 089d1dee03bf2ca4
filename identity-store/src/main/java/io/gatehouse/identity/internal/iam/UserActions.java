package io.gatehouse.identity.internal.iam;

import io.gatehouse.identity.AwsCall;
import io.gatehouse.identity.AwsException;
import io.gatehouse.identity.AwsReply;
import io.gatehouse.identity.Caller;
import io.gatehouse.identity.internal.auth.PolicySets;
import io.gatehouse.identity.internal.crypto.AwsIds;
import io.gatehouse.identity.persistence.PersistenceErrors;
import io.gatehouse.identity.persistence.UserEntity;
import io.gatehouse.identity.protocol.QueryParams;
import io.gatehouse.identity.protocol.XmlWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** CreateUser, GetUser, ListUsers, UpdateUser, DeleteUser, user tags and permissions boundaries. */
@ApplicationScoped
public class UserActions implements IamActionGroup {
    @Inject
    Guard guard;
    @Inject
    Clock clock;

    @Override
    public Map<String, IamAction> actions() {
        return Map.of("CreateUser", this::create, "GetUser", this::get, "ListUsers", this::list,
                "UpdateUser", this::update, "DeleteUser", this::delete, "TagUser", this::tag, "UntagUser", this::untag,
                "ListUserTags", this::listTags, "PutUserPermissionsBoundary", this::putBoundary,
                "DeleteUserPermissionsBoundary", this::deleteBoundary);
    }

    /** The named user of the caller's account, or NoSuchEntity as AWS words it. */
    static UserEntity find(String account, String name) {
        return UserEntity.byName(account, name).orElseThrow(() -> noSuchUser(name));
    }

    /** NoSuchEntity for a user, as AWS words it. */
    static AwsException noSuchUser(String name) {
        return AwsException.noSuchEntity("The user with name " + name + " cannot be found.");
    }

    private AwsReply create(AwsCall call) {
        QueryParams p = call.params();
        String account = Guard.account(call);
        String name = Constraints.name(p.required("UserName"), "userName", 64);
        String path = Constraints.path(p.optional("Path").orElse("/"), "path");
        Map<String, String> tags = Constraints.tags(p.tags("Tags"));
        String boundary = p.optional("PermissionsBoundary").orElse(null);
        String arn = Arns.iam(account, "user", path, name);
        Map<String, List<String>> context = Guard.creationContext(tags, boundary);
        guard.require(call, "iam:CreateUser", arn, context);
        UserEntity user = new UserEntity();
        user.id = AwsIds.userId();
        user.accountId = account;
        user.name = name;
        user.nameLower = name.toLowerCase(Locale.ROOT);
        user.path = path;
        user.arn = arn;
        user.boundaryArn = boundary == null ? null : Boundaries.check(boundary);
        user.createdAt = clock.instant();
        user.persist();
        // The name's unique key decides whether it is taken: no read before the insert, and no
        // window between such a read and the insert for a concurrent CreateUser of the same name.
        try {
            UserEntity.flush();
        } catch (PersistenceException e) {
            if (PersistenceErrors.translate(e).isPresent()) {
                throw AwsException.alreadyExists("User with name " + name + " already exists.");
            }
            throw e;
        }
        Tags.put(user.id, tags);
        XmlWriter xml = new XmlWriter().start("User");
        UserXml.full(xml, user, tags);
        xml.end("User");
        return Replies.write(xml, Map.of("user", Map.of("userName", name, "userId", user.id, "arn", arn, "path", path)),
                Replies.user(user));
    }

    private AwsReply get(AwsCall call) {
        String account = Guard.account(call);
        Caller caller = call.caller();
        String name = call.params().optional("UserName").orElse(caller.userName());
        if (name == null) {
            throw AwsException.validation("Must specify userName when calling with non-User credentials");
        }
        Constraints.name(name, "userName", 64);
        UserEntity.Tagged found = UserEntity.byNameWithTags(account, name).orElse(null);
        UserEntity user = found == null ? null : found.user();
        Map<String, String> tags = found == null ? null : found.tags();
        guard.require(call, "iam:GetUser", user != null ? user.arn : Arns.iam(account, "user", "/", name),
                Guard.tagContext(null, tags));
        if (user == null) {
            throw noSuchUser(name);
        }
        XmlWriter xml = new XmlWriter().start("User");
        UserXml.full(xml, user, tags);
        return AwsReply.read(xml.end("User").toString());
    }

    private AwsReply list(AwsCall call) {
        String account = Guard.account(call);
        String prefix = Constraints.pathPrefix(call.params().optional("PathPrefix").orElse("/"), "pathPrefix");
        Page page = Page.of(call.params());
        guard.require(call, "iam:ListUsers", Arns.listing(account, "user"));
        List<UserEntity> users = page.namedUnderPath(UserEntity.class, account, prefix);
        XmlWriter xml = new XmlWriter();
        page.write(xml, "Users", users, u -> u.nameLower, UserXml::basic);
        return AwsReply.read(xml.toString());
    }

    private AwsReply update(AwsCall call) {
        QueryParams p = call.params();
        String account = Guard.account(call);
        UserEntity user = find(account, Constraints.name(p.required("UserName"), "userName", 64));
        guard.require(call, "iam:UpdateUser", user.arn, Guard.tagContext(null, Tags.of(user.id)));
        String newName = p.optional("NewUserName").map(n -> Constraints.name(n, "newUserName", 64)).orElse(user.name);
        String newPath = p.optional("NewPath").map(n -> Constraints.path(n, "newPath")).orElse(user.path);
        if (!newName.equalsIgnoreCase(user.name) && UserEntity.byName(account, newName).isPresent()) {
            throw AwsException.alreadyExists("User with name " + newName + " already exists.");
        }
        String newArn = Arns.iam(account, "user", newPath, newName);
        if (!newArn.equals(user.arn)) {
            guard.require(call, "iam:UpdateUser", newArn);
        }
        user.name = newName;
        user.nameLower = newName.toLowerCase(Locale.ROOT);
        user.path = newPath;
        user.arn = newArn;
        PolicySets.invalidate(account);
        return Replies.write(null, null, Replies.user(user));
    }

    private AwsReply delete(AwsCall call) {
        String account = Guard.account(call);
        String name = Constraints.name(call.params().required("UserName"), "userName", 64);
        UserEntity.Deletable deletable = UserEntity.forDeletion(account, name).orElseThrow(() -> noSuchUser(name));
        UserEntity.Tagged found = deletable.tagged();
        UserEntity user = found.user();
        guard.require(call, "iam:DeleteUser", user.arn, Guard.tagContext(null, found.tags()));
        UserEntity.Hold hold = deletable.hold();
        if (hold != null) {
            throw AwsException.deleteConflict("Cannot delete entity, " + switch (hold) {
                case ACCESS_KEY -> "must delete access keys first.";
                case LOGIN_PROFILE -> "must delete login profile first.";
                case MFA_DEVICE -> "must delete MFA device first.";
                case ATTACHED_POLICY -> "must detach all policies first.";
                case INLINE_POLICY -> "must delete policies first.";
                case GROUP_MEMBERSHIP -> "must remove users from group first.";
            });
        }
        if (!found.tags().isEmpty()) {
            Tags.removeAll(user.id);
        }
        user.delete();
        // No epoch bump: a deletable user has no keys, policies or groups left, and removing each of
        // those already bumped it. (Bumping here would make every DeleteUser contend on one row.)
        return Replies.write(null, null, Replies.user(user));
    }

    private AwsReply tag(AwsCall call) {
        String account = Guard.account(call);
        UserEntity user = find(account, Constraints.name(call.params().required("UserName"), "userName", 64));
        Map<String, String> tags = call.params().tags("Tags");
        guard.require(call, "iam:TagUser", user.arn, Guard.tagContext(tags, Tags.of(user.id)));
        Tags.put(user.id, tags);
        PolicySets.invalidate(account);
        return Replies.write(null, null, Replies.user(user));
    }

    private AwsReply untag(AwsCall call) {
        String account = Guard.account(call);
        UserEntity user = find(account, Constraints.name(call.params().required("UserName"), "userName", 64));
        List<String> keys = call.params().list("TagKeys");
        Map<String, List<String>> context = Guard.tagContext(null, Tags.of(user.id));
        context.put("aws:TagKeys", keys);
        guard.require(call, "iam:UntagUser", user.arn, context);
        Tags.remove(user.id, keys);
        PolicySets.invalidate(account);
        return Replies.write(null, null, Replies.user(user));
    }

    private AwsReply listTags(AwsCall call) {
        String account = Guard.account(call);
        UserEntity user = find(account, Constraints.name(call.params().required("UserName"), "userName", 64));
        guard.require(call, "iam:ListUserTags", user.arn);
        XmlWriter xml = new XmlWriter();
        Tags.writeList(xml, Tags.of(user.id));
        return AwsReply.read(xml.toString());
    }

    private AwsReply putBoundary(AwsCall call) {
        String account = Guard.account(call);
        UserEntity user = find(account, Constraints.name(call.params().required("UserName"), "userName", 64));
        String boundary = Boundaries.check(call.params().required("PermissionsBoundary"));
        guard.require(call, "iam:PutUserPermissionsBoundary", user.arn,
                Map.of("iam:PermissionsBoundary", List.of(boundary)));
        user.boundaryArn = boundary;
        PolicySets.invalidate(account);
        return Replies.write(null, null, Replies.user(user));
    }

    private AwsReply deleteBoundary(AwsCall call) {
        String account = Guard.account(call);
        UserEntity user = find(account, Constraints.name(call.params().required("UserName"), "userName", 64));
        guard.require(call, "iam:DeleteUserPermissionsBoundary", user.arn);
        user.boundaryArn = null;
        PolicySets.invalidate(account);
        return Replies.write(null, null, Replies.user(user));
    }
}
