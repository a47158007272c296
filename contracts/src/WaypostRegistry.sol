// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @title Waypost registry of service-node providers and their nodes.
/// @notice Curators approve providers; providers register the discv5 nodes that run their services;
/// clients verify discovered nodes here before they trust them. Nothing here is specific to one
/// service: a service is a 32-byte id, keccak256 of its UTF-8 name (see `serviceIdOf`).
/// @dev Storage is shaped for the hot path, `registerNode`: one packed slot per node holds its
/// provider, a bitmap of the services it is registered for and its proof-of-possession nonce.
/// Services therefore get a bit each from a curated catalogue of at most 32. The slot also holds the
/// provider's epoch at registration: a withdrawal or rejection bumps the provider's epoch, which
/// voids every registration made before it at no cost per node. Lists that clients need but the
/// contract does not (nodes of a provider, history) are served from events.
contract WaypostRegistry {
    // ---------------------------------------------------------------- types

    enum ProviderStatus {
        None,
        Pending,
        Approved,
        Rejected,
        Suspended,
        Withdrawn
    }

    /// One slot per provider. It holds no node count: keeping one would cost every registration
    /// a storage write, and indexers count nodes from the events anyway.
    struct ProviderState {
        ProviderStatus status;
        uint64 appliedAt;
        /// Time of the last status or metadata change; a re-application cooldown counts from it.
        uint64 updatedAt;
        /// Bumped by every withdrawal and rejection; registrations from an older epoch are void.
        uint32 epoch;
        /// When the pending metadata update was proposed; zero when none is pending.
        uint64 updateProposedAt;
    }

    /// One node's proof as `registerNodes` takes it; fields as in `registerNode`.
    struct NodeProof {
        bytes32 nodeId;
        uint64 expiry;
        bytes32 r;
        bytes32 vs;
    }

    struct ProviderInfo {
        string name;
        string metadataURI;
    }

    // ---------------------------------------------------------------- constants

    uint256 public constant MAX_SERVICES = 32;
    uint256 public constant MAX_NAME_BYTES = 64;
    uint256 public constant MAX_URI_BYTES = 256;
    uint256 public constant MAX_REASON_BYTES = 512;
    uint256 public constant MAX_BATCH = 1000;

    /// Bounds of the owner's settings. Proofs valid for at most `MIN_PROOF_VALIDITY` are always
    /// within the owner's bound, so the common case (proofs made minutes before they are sent)
    /// never reads it from storage.
    uint64 public constant MIN_PROOF_VALIDITY = 1 hours;
    uint64 public constant MAX_PROOF_VALIDITY = 30 days;
    uint64 public constant DEFAULT_PROOF_VALIDITY = 7 days;
    uint64 public constant MAX_REAPPLY_COOLDOWN = 365 days;
    uint64 public constant DEFAULT_REAPPLY_COOLDOWN = 7 days;

    bytes32 public constant NODE_REGISTRATION_TYPEHASH =
        keccak256("NodeRegistration(bytes32 nodeId,address provider,bytes32 serviceId,uint32 nonce,uint64 expiry)");
    bytes32 public constant NODE_REVOCATION_TYPEHASH =
        keccak256("NodeRevocation(bytes32 nodeId,bytes32 serviceId,uint32 nonce,uint64 expiry)");
    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant NAME_HASH = keccak256("WaypostRegistry");
    bytes32 private constant VERSION_HASH = keccak256("1");

    // Node slot layout: provider in bits 0..159, services bitmap in 160..191, the provider's epoch
    // at registration in 192..223, nonce in 224..255.
    uint256 private constant SERVICES_SHIFT = 160;
    uint256 private constant EPOCH_SHIFT = 192;
    uint256 private constant NONCE_SHIFT = 224;
    uint256 private constant PROVIDER_MASK = (uint256(1) << 160) - 1;
    uint256 private constant SERVICES_MASK = ((uint256(1) << 32) - 1) << SERVICES_SHIFT;
    // Provider slot layout (ProviderState): status 0..7, appliedAt 8..71, updatedAt 72..135, epoch 136..167.
    uint256 private constant PROVIDER_EPOCH_SHIFT = 136;
    uint256 private constant NONCE_MASK = ((uint256(1) << 32) - 1) << NONCE_SHIFT;
    // Upper half of the secp256k1 order: signatures with a larger s are the malleable twin.
    uint256 private constant HALF_ORDER = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    // ---------------------------------------------------------------- storage

    address public owner;
    address public pendingOwner;

    /// Longest a node's proof may be valid (expiry minus the time it is sent); the owner sets it.
    uint64 public maxProofValidity;
    /// How long a rejected or withdrawn provider waits before it may apply again; the owner sets it.
    uint64 public reapplyCooldown;

    mapping(address => bool) public isCurator;
    address[] private _curators;

    mapping(address => ProviderState) private _providerState;
    mapping(address => ProviderInfo) private _providerInfo;
    mapping(address => ProviderInfo) private _proposedInfo;
    address[] private _providers;

    /// serviceId => bit index + 1 (0 means unknown service)
    mapping(bytes32 => uint256) private _serviceBit;
    mapping(bytes32 => string) private _serviceName;
    bytes32[] private _serviceIds;

    mapping(bytes32 => uint256) private _nodes;

    bytes32 private immutable _cachedDomainSeparator;
    uint256 private immutable _cachedChainId;

    /// The first four services of the catalogue (those named at deployment, bits 1..4) are also
    /// kept in code, so registering or verifying a node for them reads no catalogue slot.
    bytes32 private immutable _service1;
    bytes32 private immutable _service2;
    bytes32 private immutable _service3;
    bytes32 private immutable _service4;

    // ---------------------------------------------------------------- events

    event OwnershipTransferStarted(address indexed previousOwner, address indexed newOwner);
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);
    event CuratorAdded(address indexed curator, address indexed by);
    event CuratorRemoved(address indexed curator, address indexed by);
    event ServiceAdded(bytes32 indexed serviceId, string name, uint8 bit, address indexed curator);
    event ProviderApplied(address indexed provider, string name, string metadataURI);
    event ProviderUpdated(address indexed provider, string name, string metadataURI);
    event ProviderApproved(address indexed provider, address indexed curator);
    event ProviderRejected(address indexed provider, address indexed curator, string reason);
    event ProviderSuspended(address indexed provider, address indexed curator, string reason);
    event ProviderReinstated(address indexed provider, address indexed curator, string reason);
    event ProviderWithdrawn(address indexed provider);
    event NodeRegistered(address indexed provider, bytes32 indexed nodeId, bytes32 indexed serviceId);
    event NodeRemoved(address indexed provider, bytes32 indexed nodeId, bytes32 indexed serviceId, address by);
    event ProviderUpdateProposed(address indexed provider, string name, string metadataURI);
    event ProviderUpdateAccepted(address indexed provider, address indexed curator);
    event ProviderUpdateDeclined(address indexed provider, address indexed curator, string reason);
    event NodeProofsCancelled(bytes32 indexed nodeId, uint32 nextNonce);
    event MaxProofValiditySet(uint64 maxProofValidity, address indexed by);
    event ReapplyCooldownSet(uint64 reapplyCooldown, address indexed by);

    // ---------------------------------------------------------------- errors

    error NotOwner(address caller);
    error NotPendingOwner(address caller);
    error NotCurator(address caller);
    error ZeroAddress();
    error AlreadyCurator(address curator);
    error UnknownCurator(address curator);
    error WrongProviderStatus(address provider, ProviderStatus status);
    error InvalidName(uint256 length);
    error TextTooLong(uint256 length, uint256 max);
    error ServiceExists(bytes32 serviceId);
    error TooManyServices(uint256 max);
    error UnknownService(bytes32 serviceId);
    error SignatureExpired(uint64 expiry, uint256 timestamp);
    error InvalidSignature();
    error WrongNodeSigner(bytes32 nodeId, address signer);
    error NodeHeldByOtherProvider(bytes32 nodeId, address provider);
    error NodeAlreadyRegistered(bytes32 nodeId, bytes32 serviceId);
    error UnknownNode(bytes32 nodeId, bytes32 serviceId);
    error NotNodeProviderOrCurator(address caller, bytes32 nodeId);
    error BatchTooLarge(uint256 length, uint256 max);
    error ProofValidityTooLong(uint256 expiry, uint256 latestAllowed);
    error SettingOutOfRange(uint256 value, uint256 min, uint256 max);
    error ReapplyTooSoon(address provider, uint256 allowedAt);
    error NoSuchUpdate(address provider);
    error NotNodeKey(address caller, bytes32 nodeId);

    // ---------------------------------------------------------------- construction

    /// @param initialOwner manages curators; in production a multisig.
    /// @param defaultProvider registered already approved (Status in production); zero for none.
    /// @param initialServices service names to put in the catalogue, e.g. "mailserver".
    constructor(
        address initialOwner,
        address defaultProvider,
        string memory defaultProviderName,
        string memory defaultProviderMetadataURI,
        string[] memory initialServices
    ) {
        if (initialOwner == address(0)) revert ZeroAddress();
        owner = initialOwner;
        emit OwnershipTransferred(address(0), initialOwner);
        maxProofValidity = DEFAULT_PROOF_VALIDITY;
        reapplyCooldown = DEFAULT_REAPPLY_COOLDOWN;
        _cachedChainId = block.chainid;
        _cachedDomainSeparator = _buildDomainSeparator();
        for (uint256 i = 0; i < initialServices.length; ++i) {
            bytes32 id = _addService(initialServices[i]);
            if (i == 0) _service1 = id;
            else if (i == 1) _service2 = id;
            else if (i == 2) _service3 = id;
            else if (i == 3) _service4 = id;
        }
        if (defaultProvider != address(0)) {
            _apply(defaultProvider, defaultProviderName, defaultProviderMetadataURI);
            _providerState[defaultProvider].status = ProviderStatus.Approved;
            emit ProviderApproved(defaultProvider, msg.sender);
        }
    }

    // ---------------------------------------------------------------- modifiers

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        _;
    }

    modifier onlyCurator() {
        if (!isCurator[msg.sender]) revert NotCurator(msg.sender);
        _;
    }

    // ---------------------------------------------------------------- owner

    /// @notice First step of a two-step transfer; the new owner must call `acceptOwnership`.
    /// Passing the zero address cancels a pending transfer.
    function transferOwnership(address newOwner) external onlyOwner {
        pendingOwner = newOwner;
        emit OwnershipTransferStarted(msg.sender, newOwner);
    }

    function acceptOwnership() external {
        if (msg.sender != pendingOwner || msg.sender == address(0)) revert NotPendingOwner(msg.sender);
        address previous = owner;
        owner = msg.sender;
        pendingOwner = address(0);
        emit OwnershipTransferred(previous, msg.sender);
    }

    function addCurator(address curator) external onlyOwner {
        if (curator == address(0)) revert ZeroAddress();
        if (isCurator[curator]) revert AlreadyCurator(curator);
        isCurator[curator] = true;
        _curators.push(curator);
        emit CuratorAdded(curator, msg.sender);
    }

    function removeCurator(address curator) external onlyOwner {
        if (!isCurator[curator]) revert UnknownCurator(curator);
        isCurator[curator] = false;
        uint256 last = _curators.length - 1;
        for (uint256 i = 0; i <= last; ++i) {
            if (_curators[i] == curator) {
                _curators[i] = _curators[last];
                _curators.pop();
                break;
            }
        }
        emit CuratorRemoved(curator, msg.sender);
    }

    /// @notice Longest validity a node's proof may have when it is sent, between one hour and 30 days.
    function setMaxProofValidity(uint64 seconds_) external onlyOwner {
        if (seconds_ < MIN_PROOF_VALIDITY || seconds_ > MAX_PROOF_VALIDITY) {
            revert SettingOutOfRange(seconds_, MIN_PROOF_VALIDITY, MAX_PROOF_VALIDITY);
        }
        maxProofValidity = seconds_;
        emit MaxProofValiditySet(seconds_, msg.sender);
    }

    /// @notice How long a rejected or withdrawn provider must wait to apply again, at most a year.
    function setReapplyCooldown(uint64 seconds_) external onlyOwner {
        if (seconds_ > MAX_REAPPLY_COOLDOWN) revert SettingOutOfRange(seconds_, 0, MAX_REAPPLY_COOLDOWN);
        reapplyCooldown = seconds_;
        emit ReapplyCooldownSet(seconds_, msg.sender);
    }

    // ---------------------------------------------------------------- curators

    function addService(string calldata name) external onlyCurator returns (bytes32 serviceId) {
        return _addService(name);
    }

    function approveProvider(address provider) external onlyCurator {
        _transition(provider, ProviderStatus.Pending, ProviderStatus.Pending, ProviderStatus.Approved);
        emit ProviderApproved(provider, msg.sender);
    }

    /// @notice Refuse an application. A withdrawn provider may be rejected too, so that withdrawing
    /// does not dodge a decision. Voids the provider's registrations and starts its cooldown.
    function rejectProvider(address provider, string calldata reason) external onlyCurator {
        _checkLength(bytes(reason).length, MAX_REASON_BYTES);
        _transition(provider, ProviderStatus.Pending, ProviderStatus.Withdrawn, ProviderStatus.Rejected);
        _providerState[provider].updateProposedAt = 0;
        _voidRegistrations(provider);
        emit ProviderRejected(provider, msg.sender, reason);
    }

    /// @notice Suspend an approved provider, or a withdrawn one (a withdrawal cannot pre-empt a
    /// suspension). Only `reinstateProvider` lifts it; its nodes stay on record meanwhile.
    function suspendProvider(address provider, string calldata reason) external onlyCurator {
        _checkLength(bytes(reason).length, MAX_REASON_BYTES);
        _transition(provider, ProviderStatus.Approved, ProviderStatus.Withdrawn, ProviderStatus.Suspended);
        emit ProviderSuspended(provider, msg.sender, reason);
    }

    /// @notice Lift a suspension: the provider is approved again and its registrations from before
    /// the suspension verify again (unless it withdrew before it was suspended, which voided them).
    function reinstateProvider(address provider, string calldata reason) external onlyCurator {
        _checkLength(bytes(reason).length, MAX_REASON_BYTES);
        _transition(provider, ProviderStatus.Suspended, ProviderStatus.Suspended, ProviderStatus.Approved);
        emit ProviderReinstated(provider, msg.sender, reason);
    }

    /// @notice Make a provider's proposed metadata its own. The curator names the name and URI it
    /// reviewed, so a proposal replaced while the acceptance was in flight is not accepted.
    function acceptProviderUpdate(address provider, string calldata name, string calldata metadataURI)
        external
        onlyCurator
    {
        ProviderState storage state = _providerState[provider];
        ProviderInfo storage proposed = _proposedInfo[provider];
        if (
            state.updateProposedAt == 0 || keccak256(bytes(proposed.name)) != keccak256(bytes(name))
                || keccak256(bytes(proposed.metadataURI)) != keccak256(bytes(metadataURI))
        ) revert NoSuchUpdate(provider);
        if (!_isActive(state.status)) revert WrongProviderStatus(provider, state.status);
        _providerInfo[provider] = proposed;
        state.updateProposedAt = 0;
        state.updatedAt = uint64(block.timestamp);
        emit ProviderUpdated(provider, name, metadataURI);
        emit ProviderUpdateAccepted(provider, msg.sender);
    }

    /// @notice Drop a provider's proposed metadata; its current metadata stays.
    function declineProviderUpdate(address provider, string calldata reason) external onlyCurator {
        _checkLength(bytes(reason).length, MAX_REASON_BYTES);
        ProviderState storage state = _providerState[provider];
        if (state.updateProposedAt == 0) revert NoSuchUpdate(provider);
        state.updateProposedAt = 0;
        emit ProviderUpdateDeclined(provider, msg.sender, reason);
    }

    // ---------------------------------------------------------------- providers

    /// @notice Apply as a provider. Allowed for newcomers, and after a rejection or withdrawal once
    /// `reapplyCooldown` has passed. A suspended provider cannot apply: only reinstatement helps.
    function applyAsProvider(string calldata name, string calldata metadataURI) external {
        ProviderState storage state = _providerState[msg.sender];
        ProviderStatus status = state.status;
        if (status == ProviderStatus.Rejected || status == ProviderStatus.Withdrawn) {
            uint256 allowedAt = uint256(state.updatedAt) + reapplyCooldown;
            // Cooldowns are days long; a validator's few seconds of drift do not matter.
            // forge-lint: disable-next-line(block-timestamp)
            if (block.timestamp < allowedAt) revert ReapplyTooSoon(msg.sender, allowedAt);
        } else if (status != ProviderStatus.None) {
            revert WrongProviderStatus(msg.sender, status);
        }
        _apply(msg.sender, name, metadataURI);
    }

    /// @notice Propose new metadata. It takes effect when a curator accepts it; until then clients
    /// see the metadata the curators last reviewed. A new proposal replaces a pending one.
    function updateProvider(string calldata name, string calldata metadataURI) external {
        ProviderState storage state = _providerState[msg.sender];
        if (!_isActive(state.status)) revert WrongProviderStatus(msg.sender, state.status);
        _checkInfo(name, metadataURI);
        ProviderInfo storage proposed = _proposedInfo[msg.sender];
        proposed.name = name;
        proposed.metadataURI = metadataURI;
        state.updateProposedAt = uint64(block.timestamp);
        emit ProviderUpdateProposed(msg.sender, name, metadataURI);
    }

    /// @notice Leave the registry: every registration of the provider is void from now on, and it
    /// may apply again after `reapplyCooldown`. A suspended provider cannot withdraw.
    function withdrawProvider() external {
        ProviderState storage state = _providerState[msg.sender];
        if (state.status != ProviderStatus.Pending && state.status != ProviderStatus.Approved) {
            revert WrongProviderStatus(msg.sender, state.status);
        }
        state.status = ProviderStatus.Withdrawn;
        state.updatedAt = uint64(block.timestamp);
        state.updateProposedAt = 0;
        _voidRegistrations(msg.sender);
        emit ProviderWithdrawn(msg.sender);
    }

    /// @notice Register a node for a service. The node proves it consents with an EIP-712 signature
    /// by its own key over (nodeId, provider, serviceId, nonce, expiry); see `nodeRegistrationDigest`.
    /// @dev Every argument is a fixed-size word, so calldata carries no offsets or lengths.
    /// @param nodeId the node's discv5 id, keccak256(x || y) of its public key; the signature must
    /// recover to the address of that key, which is the id's last 20 bytes.
    /// @param expiry the proof is refused after it, and if it lies more than `maxProofValidity` ahead.
    /// @param r the signature's r.
    /// @param vs the signature's s with the recovery bit (v - 27) in its top bit (EIP-2098).
    function registerNode(bytes32 serviceId, bytes32 nodeId, uint64 expiry, bytes32 r, bytes32 vs) external {
        // (nodeId, expiry, r, vs) lie in calldata as a NodeProof does in a batch, after the selector
        // and serviceId; the parameters are named for the ABI and read from there.
        (nodeId, expiry, r, vs);
        _register(serviceId, _newSlotBase(serviceId), domainSeparator(), 0x24);
    }

    /// @notice `registerNode` for many nodes and one service in one transaction: a provider
    /// bringing a fleet pays the transaction's fixed cost once, and names the service once.
    /// All or nothing: one bad proof refuses the whole batch.
    function registerNodes(bytes32 serviceId, NodeProof[] calldata proofs) external {
        uint256 count = proofs.length;
        if (count > MAX_BATCH) revert BatchTooLarge(count, MAX_BATCH);
        uint256 base = _newSlotBase(serviceId);
        bytes32 separator = domainSeparator();
        bytes32 typehash = NODE_REGISTRATION_TYPEHASH;
        bytes32 topic = NodeRegistered.selector;
        uint256 i = 0;
        while (i < count) {
            // The common case in one assembly loop: a node no provider holds (a new one, or one whose
            // registrations were all removed), a proof valid for an hour or less, a good signature.
            // It makes exactly `_register`'s checks and writes for that case. Any other node leaves
            // the loop for `_register`, which handles it (a node held already, a proof valid longer,
            // which needs the owner's bound) or refuses it with the precise error.
            // The decoder checked that the array lies within calldata; entries are 4 words each.
            assembly ("memory-safe") {
                // Memory: the struct hash's input at m (typehash, caller and service written once),
                // the digest's input at m + 0xc0 ("\x19\x01" and separator written once), the
                // ecrecover input at m + 0x120.
                let m := mload(0x40)
                mstore(m, typehash)
                mstore(add(m, 0x40), caller())
                mstore(add(m, 0x60), serviceId)
                let d := add(m, 0xc0)
                mstore(d, shl(240, 0x1901))
                mstore(add(d, 0x02), separator)
                let e := add(m, 0x120)
                // The node's storage key is keccak256(nodeId, slot of _nodes): the second word
                // stays in scratch space (ecrecover writes only the first).
                mstore(0x20, _nodes.slot)
                let latest := add(timestamp(), MIN_PROOF_VALIDITY)
                let end := add(proofs.offset, shl(7, count))
                let at := add(proofs.offset, shl(7, i))
                for {} lt(at, end) { at := add(at, 0x80) } {
                    let nodeId := calldataload(at)
                    let expiry := calldataload(add(at, 0x20))
                    // Expired, or valid longer than an hour: `_register` decides.
                    if or(gt(timestamp(), expiry), gt(expiry, latest)) { break }
                    mstore(0x00, nodeId)
                    let key := keccak256(0x00, 0x40)
                    let slot := sload(key)
                    if and(slot, 0xffffffffffffffffffffffffffffffffffffffff) { break }
                    mstore(add(m, 0x20), nodeId)
                    mstore(add(m, 0x80), shr(224, slot))
                    mstore(add(m, 0xa0), expiry)
                    mstore(add(d, 0x22), keccak256(m, 0xc0))
                    mstore(e, keccak256(d, 0x42))
                    let vs := calldataload(add(at, 0x60))
                    mstore(add(e, 0x20), add(shr(255, vs), 27))
                    mstore(add(e, 0x40), calldataload(add(at, 0x40)))
                    let s := and(vs, 0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff)
                    mstore(add(e, 0x60), s)
                    mstore(0x00, 0)
                    pop(staticcall(gas(), 0x01, e, 0x80, 0x00, 0x20))
                    let signer := mload(0x00)
                    // No signer, the malleable twin (s in the upper half) or another key than the
                    // node's (a v4 node id ends with its key's address): `_register` says which.
                    if or(
                        or(gt(s, HALF_ORDER), iszero(signer)),
                        xor(signer, and(nodeId, 0xffffffffffffffffffffffffffffffffffffffff))
                    ) { break }
                    // The slot holds no services; the nonce advances (wrapping after 2^32).
                    sstore(key, or(base, shl(224, add(shr(224, slot), 1))))
                    log4(0x00, 0x00, topic, caller(), nodeId, serviceId) // NodeRegistered(msg.sender, nodeId, serviceId)
                }
                i := shr(7, sub(at, proofs.offset))
            }
            if (i < count) {
                uint256 at;
                assembly ("memory-safe") {
                    at := add(proofs.offset, shl(7, i))
                }
                // An expiry over 64 bits is refused by the validity bound like any far-off expiry.
                _register(serviceId, base, separator, at);
                unchecked {
                    ++i;
                }
            }
        }
    }

    /// @notice Remove a node from a service; by its provider (in any status), a curator, or the
    /// node itself (a call from the address of the node's key).
    function removeNode(bytes32 nodeId, bytes32 serviceId) external {
        uint256 slot = _nodes[nodeId];
        uint256 bit = _serviceBitOf(serviceId);
        uint256 serviceFlag = bit == 0 ? 0 : uint256(1) << (SERVICES_SHIFT + bit - 1);
        if (serviceFlag == 0 || _liveServices(slot) & serviceFlag == 0) revert UnknownNode(nodeId, serviceId);
        address provider = _holderOf(slot);
        if (msg.sender != provider && !isCurator[msg.sender] && msg.sender != _nodeAddress(nodeId)) {
            revert NotNodeProviderOrCurator(msg.sender, nodeId);
        }
        uint256 remaining = (slot & SERVICES_MASK) & ~serviceFlag;
        // The nonce survives removal so that an old signature can never register the node again.
        _nodes[nodeId] = remaining == 0 ? slot & NONCE_MASK : slot & ~serviceFlag;
        emit NodeRemoved(provider, nodeId, serviceId, msg.sender);
    }

    /// @notice The node withdraws its consent with a signature by its own key, which anyone may
    /// submit: it removes the node's registration for `serviceId` (all of them for zero) and
    /// advances its nonce, which also cancels every proof it issued and nobody used yet.
    function revokeNode(bytes32 nodeId, bytes32 serviceId, uint64 expiry, bytes32 r, bytes32 vs) external {
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp > expiry) revert SignatureExpired(expiry, block.timestamp);
        uint256 slot = _nodes[nodeId];
        address signer = _recover(nodeRevocationDigest(nodeId, serviceId, _nonceOf(slot), expiry), r, vs);
        if (signer != _nodeAddress(nodeId)) revert WrongNodeSigner(nodeId, signer);
        uint256 live = _liveServices(slot);
        uint256 removing = live;
        if (serviceId != bytes32(0)) {
            uint256 bit = _serviceBitOf(serviceId);
            if (bit == 0) revert UnknownService(serviceId);
            removing = live & (uint256(1) << (SERVICES_SHIFT + bit - 1));
            if (removing == 0) revert UnknownNode(nodeId, serviceId);
        }
        address provider = _holderOf(slot);
        uint256 remaining = live & ~removing;
        uint32 next = _advanceNonce(nodeId, remaining == 0 ? 0 : slot & ~NONCE_MASK & ~removing);
        for (uint256 i = 0; i < _serviceIds.length; ++i) {
            if (removing & (uint256(1) << (SERVICES_SHIFT + i)) != 0) {
                emit NodeRemoved(provider, nodeId, _serviceIds[i], signer);
            }
        }
        emit NodeProofsCancelled(nodeId, next);
    }

    /// @notice From the node key's own address: advance the node's nonce, cancelling every proof it
    /// issued and nobody used yet. Its registrations stay.
    function cancelNodeProofs(bytes32 nodeId) external {
        if (msg.sender != _nodeAddress(nodeId)) revert NotNodeKey(msg.sender, nodeId);
        uint256 slot = _nodes[nodeId];
        emit NodeProofsCancelled(nodeId, _advanceNonce(nodeId, slot & ~NONCE_MASK));
    }

    // ---------------------------------------------------------------- verification views

    /// @notice Whether a node is registered for a service and its provider is approved.
    function verify(bytes32 nodeId, bytes32 serviceId)
        public
        view
        returns (bool trusted, address nodeProvider, ProviderStatus status)
    {
        uint256 slot = _nodes[nodeId];
        uint256 bit = _serviceBitOf(serviceId);
        if (bit == 0 || slot & (uint256(1) << (SERVICES_SHIFT + bit - 1)) == 0) {
            return (false, address(0), ProviderStatus.None);
        }
        nodeProvider = _holderOf(slot);
        uint256 raw = _providerSlot(nodeProvider);
        // A registration from before the provider's last withdrawal or rejection is void.
        if ((raw >> PROVIDER_EPOCH_SHIFT) & 0xffffffff != _epochOf(slot)) {
            return (false, address(0), ProviderStatus.None);
        }
        status = ProviderStatus(raw & 0xff);
        trusted = status == ProviderStatus.Approved;
    }

    /// @notice `verify` for many nodes in one call, so a client checks all it discovered at once.
    function verifyBatch(bytes32[] calldata nodeIds, bytes32 serviceId)
        external
        view
        returns (bool[] memory trusted, address[] memory providers, ProviderStatus[] memory statuses)
    {
        uint256 n = nodeIds.length;
        if (n > MAX_BATCH) revert BatchTooLarge(n, MAX_BATCH);
        trusted = new bool[](n);
        providers = new address[](n);
        statuses = new ProviderStatus[](n);
        for (uint256 i = 0; i < n; ++i) {
            (trusted[i], providers[i], statuses[i]) = verify(nodeIds[i], serviceId);
        }
    }

    // ---------------------------------------------------------------- listing views

    function getProvider(address account)
        external
        view
        returns (
            ProviderStatus status,
            uint64 appliedAt,
            uint64 updatedAt,
            string memory name,
            string memory metadataURI
        )
    {
        ProviderState memory state = _providerState[account];
        ProviderInfo storage info = _providerInfo[account];
        return (state.status, state.appliedAt, state.updatedAt, info.name, info.metadataURI);
    }

    /// @notice The metadata a provider proposed and no curator has accepted or declined yet;
    /// `proposedAt` is zero when there is none.
    function pendingProviderUpdate(address account)
        external
        view
        returns (uint64 proposedAt, string memory name, string memory metadataURI)
    {
        proposedAt = _providerState[account].updateProposedAt;
        if (proposedAt != 0) {
            ProviderInfo storage proposed = _proposedInfo[account];
            (name, metadataURI) = (proposed.name, proposed.metadataURI);
        }
    }

    /// @notice A provider's registration epoch; registrations made in an earlier one are void.
    function providerEpoch(address account) external view returns (uint32) {
        return _providerState[account].epoch;
    }

    function providerCount() external view returns (uint256) {
        return _providers.length;
    }

    /// @notice A page of provider addresses in order of first application.
    function listProviders(uint256 offset, uint256 limit) external view returns (address[] memory page) {
        uint256 total = _providers.length;
        uint256 end = offset >= total ? offset : (limit > total - offset ? total : offset + limit);
        page = new address[](end - offset);
        for (uint256 i = offset; i < end; ++i) {
            page[i - offset] = _providers[i];
        }
    }

    function curators() external view returns (address[] memory) {
        return _curators;
    }

    /// @notice A node's provider (zero if none), the services it is registered for and the nonce its
    /// next proof of possession must sign. Void registrations (see `providerEpoch`) are not listed.
    function getNode(bytes32 nodeId)
        external
        view
        returns (address nodeProvider, bytes32[] memory services, uint32 nonce)
    {
        uint256 slot = _nodes[nodeId];
        nonce = _nonceOf(slot);
        uint256 flags = _liveServices(slot) >> SERVICES_SHIFT;
        if (flags != 0) nodeProvider = _holderOf(slot);
        uint256 count;
        for (uint256 f = flags; f != 0; f &= f - 1) {
            ++count;
        }
        services = new bytes32[](count);
        uint256 j;
        for (uint256 i = 0; i < _serviceIds.length; ++i) {
            if (flags & (uint256(1) << i) != 0) services[j++] = _serviceIds[i];
        }
    }

    function serviceIds() external view returns (bytes32[] memory) {
        return _serviceIds;
    }

    function serviceName(bytes32 serviceId) external view returns (string memory) {
        if (_serviceBit[serviceId] == 0) revert UnknownService(serviceId);
        return _serviceName[serviceId];
    }

    /// @notice The one mapping from a service name to its id, used by discovery too.
    function serviceIdOf(string calldata name) external pure returns (bytes32) {
        return keccak256(bytes(name));
    }

    // ---------------------------------------------------------------- EIP-712

    /// @notice EIP-5267: the EIP-712 domain node keys sign in (name, version, chain id, contract).
    function eip712Domain()
        external
        view
        returns (
            bytes1 fields,
            string memory name,
            string memory version,
            uint256 chainId,
            address verifyingContract,
            bytes32 salt,
            uint256[] memory extensions
        )
    {
        return (hex"0f", "WaypostRegistry", "1", block.chainid, address(this), bytes32(0), new uint256[](0));
    }

    function domainSeparator() public view returns (bytes32) {
        // Recomputed after a chain split so a signature for one chain never works on the other.
        return block.chainid == _cachedChainId ? _cachedDomainSeparator : _buildDomainSeparator();
    }

    /// @notice The digest a node key signs to let `provider` register it for `serviceId`.
    function nodeRegistrationDigest(
        bytes32 nodeId,
        address nodeProvider,
        bytes32 serviceId,
        uint32 nonce,
        uint64 expiry
    ) public view returns (bytes32) {
        return _registrationDigest(domainSeparator(), nodeId, nodeProvider, serviceId, nonce, expiry);
    }

    /// @notice The digest a node key signs to withdraw its consent (`revokeNode`); `serviceId` zero
    /// means every service.
    function nodeRevocationDigest(bytes32 nodeId, bytes32 serviceId, uint32 nonce, uint64 expiry)
        public
        view
        returns (bytes32)
    {
        bytes32 structHash = keccak256(abi.encode(NODE_REVOCATION_TYPEHASH, nodeId, serviceId, nonce, expiry));
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator(), structHash));
    }

    // ---------------------------------------------------------------- internals

    function _buildDomainSeparator() private view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, NAME_HASH, VERSION_HASH, block.chainid, address(this)));
    }

    function _registrationDigest(
        bytes32 separator,
        bytes32 nodeId,
        address nodeProvider,
        bytes32 serviceId,
        uint256 nonce,
        uint256 expiry
    ) private pure returns (bytes32 digest) {
        bytes32 typehash = NODE_REGISTRATION_TYPEHASH;
        // keccak256(abi.encode(typehash, ...)), then keccak256("\x19\x01" || separator || structHash),
        // both in memory past the free memory pointer, which stays where it is.
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, typehash)
            mstore(add(m, 0x20), nodeId)
            mstore(add(m, 0x40), and(nodeProvider, 0xffffffffffffffffffffffffffffffffffffffff))
            mstore(add(m, 0x60), serviceId)
            mstore(add(m, 0x80), nonce)
            mstore(add(m, 0xa0), expiry)
            let structHash := keccak256(m, 0xc0)
            mstore(m, shl(240, 0x1901))
            mstore(add(m, 0x02), separator)
            mstore(add(m, 0x22), structHash)
            digest := keccak256(m, 0x42)
        }
    }

    function _recover(bytes32 digest, bytes32 r, bytes32 vs) private view returns (address signer) {
        uint256 s = uint256(vs) & ~(uint256(1) << 255);
        if (s > HALF_ORDER) revert InvalidSignature();
        // The ecrecover precompile called directly: the output lands in scratch space, which is
        // zeroed first so that a failed recovery reads as the zero address.
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, digest)
            mstore(add(m, 0x20), add(shr(255, vs), 27))
            mstore(add(m, 0x40), r)
            mstore(add(m, 0x60), s)
            mstore(0x00, 0)
            pop(staticcall(gas(), 0x01, m, 0x80, 0x00, 0x20))
            signer := mload(0x00)
        }
        if (signer == address(0)) revert InvalidSignature();
    }

    /// The raw state slot of `account`: status in bits 0..7, epoch in 136..167 (see ProviderState).
    function _providerSlot(address account) private view returns (uint256 raw) {
        assembly ("memory-safe") {
            // An address cut from a wider word may carry dirty upper bits: clean them.
            mstore(0x00, and(account, 0xffffffffffffffffffffffffffffffffffffffff))
            mstore(0x20, _providerState.slot)
            raw := sload(keccak256(0x00, 0x40))
        }
    }

    /// The caller's registration epoch, after checking it may register nodes.
    function _checkCanRegister() private view returns (uint256 epoch) {
        uint256 raw = _providerSlot(msg.sender);
        uint256 status = raw & 0xff;
        // Pending providers may prepare their nodes; they verify only once approved.
        if (status != uint256(ProviderStatus.Approved) && status != uint256(ProviderStatus.Pending)) {
            revert WrongProviderStatus(msg.sender, ProviderStatus(status));
        }
        return (raw >> PROVIDER_EPOCH_SHIFT) & 0xffffffff;
    }

    /// The caller's new node slot without services and nonce: the caller's address, the bit of
    /// `serviceId` and the caller's epoch, after checking the caller may register nodes for it.
    function _newSlotBase(bytes32 serviceId) private view returns (uint256) {
        return uint256(uint160(msg.sender)) | _serviceFlag(serviceId) | (_checkCanRegister() << EPOCH_SHIFT);
    }

    /// Registers one node whose proof (nodeId, expiry, r, vs) lies in calldata at `at`: `base` is
    /// `_newSlotBase(serviceId)`, `separator` the domain separator.
    function _register(bytes32 serviceId, uint256 base, bytes32 separator, uint256 at) private {
        bytes32 nodeId;
        uint256 expiry;
        assembly ("memory-safe") {
            nodeId := calldataload(at)
            expiry := calldataload(add(at, 0x20))
        }
        // Expiries are minutes to hours ahead; a validator's few seconds of drift do not matter.
        // The expiry is below the timestamp here, so it fits the error's 64 bits.
        // forge-lint: disable-next-line(block-timestamp,unsafe-typecast)
        if (block.timestamp > expiry) revert SignatureExpired(uint64(expiry), block.timestamp);
        // Proofs valid for an hour or less are within any bound the owner may set: no storage read.
        // A timestamp plus an hour cannot overflow.
        unchecked {
            // forge-lint: disable-next-line(block-timestamp)
            if (expiry > block.timestamp + MIN_PROOF_VALIDITY) _checkProofValidity(expiry);
        }
        bytes32 key;
        uint256 slot;
        assembly ("memory-safe") {
            mstore(0x00, nodeId)
            mstore(0x20, _nodes.slot)
            key := keccak256(0x00, 0x40)
            slot := sload(key)
        }
        uint256 services;
        if (slot & PROVIDER_MASK != 0) {
            services = _servicesOfCaller(nodeId, slot, (base >> EPOCH_SHIFT) & 0xffffffff);
            if (services & base & SERVICES_MASK != 0) revert NodeAlreadyRegistered(nodeId, serviceId);
        }
        // The hot path in one block, as `_registrationDigest` and `_recover` do it: the EIP-712
        // digest of (nodeId, caller, serviceId, nonce, expiry), then the ecrecover precompile.
        bytes32 typehash = NODE_REGISTRATION_TYPEHASH;
        address signer;
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, typehash)
            mstore(add(m, 0x20), nodeId)
            mstore(add(m, 0x40), caller())
            mstore(add(m, 0x60), serviceId)
            mstore(add(m, 0x80), shr(224, slot))
            mstore(add(m, 0xa0), expiry)
            let structHash := keccak256(m, 0xc0)
            mstore(m, shl(240, 0x1901))
            mstore(add(m, 0x02), separator)
            mstore(add(m, 0x22), structHash)
            mstore(m, keccak256(m, 0x42))
            let vs := calldataload(add(at, 0x60))
            mstore(add(m, 0x20), add(shr(255, vs), 27))
            mstore(add(m, 0x40), calldataload(add(at, 0x40)))
            let s := and(vs, 0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff)
            mstore(add(m, 0x60), s)
            mstore(0x00, 0)
            pop(staticcall(gas(), 0x01, m, 0x80, 0x00, 0x20))
            // A signature with s in the upper half (the malleable twin) counts as no signature.
            signer := mul(mload(0x00), iszero(gt(s, HALF_ORDER)))
        }
        if (signer == address(0)) revert InvalidSignature();
        // A v4 node id ends with the address of the node's key: both are cut from keccak256(x || y).
        if (signer != _nodeAddress(nodeId)) revert WrongNodeSigner(nodeId, signer);
        // The nonce advances (wrapping after 2^32 registrations, which no node lives to see).
        bytes32 topic = NodeRegistered.selector;
        assembly ("memory-safe") {
            sstore(key, or(or(base, services), shl(224, add(shr(224, slot), 1))))
            log4(0x00, 0x00, topic, caller(), nodeId, serviceId) // NodeRegistered(msg.sender, nodeId, serviceId)
        }
    }

    function _checkProofValidity(uint256 expiry) private view {
        uint256 latest = block.timestamp + maxProofValidity;
        if (expiry > latest) revert ProofValidityTooLong(expiry, latest);
    }

    function _serviceFlag(bytes32 serviceId) private view returns (uint256) {
        uint256 bit = _serviceBitOf(serviceId);
        if (bit == 0) revert UnknownService(serviceId);
        unchecked {
            return uint256(1) << (SERVICES_SHIFT + bit - 1);
        }
    }

    /// The service's bit index + 1, or 0 for a service not in the catalogue.
    function _serviceBitOf(bytes32 serviceId) private view returns (uint256) {
        if (serviceId != bytes32(0)) {
            if (serviceId == _service1) return 1;
            if (serviceId == _service2) return 2;
            if (serviceId == _service3) return 3;
            if (serviceId == _service4) return 4;
        }
        return _serviceBit[serviceId];
    }

    /// The services the caller holds the node for (as slot bits), after checking that no other
    /// provider holds it. Void registrations count as none.
    function _servicesOfCaller(bytes32 nodeId, uint256 slot, uint256 epoch) private view returns (uint256) {
        address holder = _holderOf(slot);
        if (holder == address(0)) return 0;
        if (holder == msg.sender) return _epochOf(slot) == epoch ? slot & SERVICES_MASK : 0;
        if (_providerEpochOf(holder) == _epochOf(slot)) revert NodeHeldByOtherProvider(nodeId, holder);
        return 0;
    }

    /// The services a node slot is registered for (as slot bits), or none if its registrations
    /// are void because its provider withdrew or was rejected since.
    function _liveServices(uint256 slot) private view returns (uint256) {
        address holder = _holderOf(slot);
        if (holder == address(0) || _providerEpochOf(holder) != _epochOf(slot)) return 0;
        return slot & SERVICES_MASK;
    }

    function _providerEpochOf(address account) private view returns (uint256) {
        return (_providerSlot(account) >> PROVIDER_EPOCH_SHIFT) & 0xffffffff;
    }

    /// Stores `kept` (everything but the nonce) with the node's nonce advanced by one.
    function _advanceNonce(bytes32 nodeId, uint256 kept) private returns (uint32 next) {
        unchecked {
            next = _nonceOf(_nodes[nodeId]) + 1;
        }
        _nodes[nodeId] = (kept & ~NONCE_MASK) | (uint256(next) << NONCE_SHIFT);
    }

    /// Voids every registration of `provider` at once: they carry the old epoch.
    function _voidRegistrations(address provider) private {
        unchecked {
            ++_providerState[provider].epoch;
        }
    }

    /// The Ethereum address of a node's key: a v4 node id's last 20 bytes.
    function _nodeAddress(bytes32 nodeId) private pure returns (address) {
        return address(uint160(uint256(nodeId)));
    }

    // The two unpackers below truncate on purpose: they cut one field out of a packed node slot.
    function _holderOf(uint256 slot) private pure returns (address) {
        // forge-lint: disable-next-line(unsafe-typecast)
        return address(uint160(slot));
    }

    function _nonceOf(uint256 slot) private pure returns (uint32) {
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint32(slot >> NONCE_SHIFT);
    }

    function _epochOf(uint256 slot) private pure returns (uint32) {
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint32(slot >> EPOCH_SHIFT);
    }

    function _addService(string memory name) private returns (bytes32 serviceId) {
        uint256 length = bytes(name).length;
        if (length == 0 || length > MAX_NAME_BYTES) revert InvalidName(length);
        serviceId = keccak256(bytes(name));
        if (_serviceBit[serviceId] != 0) revert ServiceExists(serviceId);
        uint256 count = _serviceIds.length;
        if (count == MAX_SERVICES) revert TooManyServices(MAX_SERVICES);
        _serviceIds.push(serviceId);
        _serviceBit[serviceId] = count + 1;
        _serviceName[serviceId] = name;
        // count < MAX_SERVICES (64) was checked above.
        // forge-lint: disable-next-line(unsafe-typecast)
        emit ServiceAdded(serviceId, name, uint8(count), msg.sender);
    }

    function _apply(address account, string memory name, string memory metadataURI) private {
        ProviderState storage state = _providerState[account];
        if (state.status == ProviderStatus.None) _providers.push(account); // first application only
        _checkInfo(name, metadataURI);
        ProviderInfo storage info = _providerInfo[account];
        info.name = name;
        info.metadataURI = metadataURI;
        state.status = ProviderStatus.Pending;
        state.appliedAt = uint64(block.timestamp);
        state.updatedAt = uint64(block.timestamp);
        state.updateProposedAt = 0;
        emit ProviderApplied(account, name, metadataURI);
    }

    function _checkInfo(string memory name, string memory metadataURI) private pure {
        uint256 nameLength = bytes(name).length;
        if (nameLength == 0 || nameLength > MAX_NAME_BYTES) revert InvalidName(nameLength);
        _checkLength(bytes(metadataURI).length, MAX_URI_BYTES);
    }

    /// Moves `account` to `to` if it is in status `from` or `orFrom`.
    function _transition(address account, ProviderStatus from, ProviderStatus orFrom, ProviderStatus to) private {
        ProviderState storage state = _providerState[account];
        if (state.status != from && state.status != orFrom) revert WrongProviderStatus(account, state.status);
        state.status = to;
        state.updatedAt = uint64(block.timestamp);
    }

    function _isActive(ProviderStatus status) private pure returns (bool) {
        return
            status == ProviderStatus.Pending || status == ProviderStatus.Approved || status == ProviderStatus.Suspended;
    }

    function _checkLength(uint256 length, uint256 max) private pure {
        if (length > max) revert TextTooLong(length, max);
    }
}
